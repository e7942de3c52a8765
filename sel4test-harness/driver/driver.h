/* The driver's process machinery (driver/process.c). */
#pragma once

#include <harness.h>

bool process_init(seL4_BootInfo *bi);
/* Run test `index` of the tests ELF in a fresh process; true if it passed. */
bool process_run_test(seL4_Word index);
