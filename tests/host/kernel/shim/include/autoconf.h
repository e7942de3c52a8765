/* Host-test stand-in for libsel4's generated autoconf.h. */
#pragma once
#include <kernel/gen_config.h>
#define CONFIG_LIB_SEL4_DEFAULT_FUNCTION_ATTRIBUTE 1
