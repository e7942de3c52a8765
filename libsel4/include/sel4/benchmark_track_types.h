/*
 * The kernel-entry log of the entry-tracking benchmark configuration. Larch has no
 * benchmark configurations; the header exists so that code including it compiles.
 */
#pragma once

#include <sel4/config.h>
#include <sel4/simple_types.h>

#ifdef CONFIG_BENCHMARK_TRACK_KERNEL_ENTRIES
#error "Larch does not implement KernelBenchmarks=track_kernel_entries"
#endif
