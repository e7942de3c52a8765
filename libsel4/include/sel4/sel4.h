/* Everything a seL4 program uses: types, system calls and invocation stubs. */
#pragma once

#include <autoconf.h>
#include <sel4/types.h>
#include <sel4/functions.h>
#include <sel4/bootinfo.h>
#include <sel4/faults.h>
#include <interfaces/sel4_client.h>
#include <sel4/virtual_client.h>
