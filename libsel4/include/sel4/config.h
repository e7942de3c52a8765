/* The configuration libsel4 was built for: every CONFIG_* of the kernel and of libsel4. */
#pragma once

#include <autoconf.h>
