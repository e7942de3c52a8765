/*
 * Everything configurable reaches the kernel through here: the CMake options
 * (<kernel/gen_config.h>), the board facts read from the device tree
 * (<plat/machine/platform_gen.h>) and the kernel's address-space layout
 * (<arch/kernel_offset.h>). All three are generated at build time.
 */
#pragma once

#include <kernel/gen_config.h>
#include <plat/machine/platform_gen.h>
#include <arch/kernel_offset.h>

