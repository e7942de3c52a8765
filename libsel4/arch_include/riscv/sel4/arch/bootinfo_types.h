/* RISC-V passes no architecture-specific boot information beyond seL4_BootInfo. */
#pragma once
