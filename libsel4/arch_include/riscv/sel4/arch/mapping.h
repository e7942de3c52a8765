/* Architecture view of the mapping helpers: riscv64's. */
#pragma once

#include <sel4/sel4_arch/mapping.h>
