#pragma once
#include <arch/vspace.h>
