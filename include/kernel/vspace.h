/*
 * Generic code's view of address spaces: each architecture supplies the functions in
 * its arch/vspace.h (setVMRoot, lookupIPCBuffer, the VSpace invocations), so code in
 * src/ names no architecture, as with seL4's include/kernel/vspace.h.
 */
#pragma once
#include <arch/vspace.h>
