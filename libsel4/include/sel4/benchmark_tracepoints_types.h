/* One entry of the kernel's tracepoint log (benchmark configurations only). */
#pragma once

#include <sel4/simple_types.h>

typedef struct benchmark_tracepoint_log_entry {
    seL4_Word id;
    seL4_Word duration;
} benchmark_tracepoint_log_entry_t;
