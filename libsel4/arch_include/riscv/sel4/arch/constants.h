/* RISC-V constants: the only RISC-V Larch supports is riscv64, whose header has them. */
#pragma once

#include <sel4/sel4_arch/constants.h>
