/* After a failed Map: how much of the page-table walk was missing. */
#pragma once

#include <sel4/functions.h>

/* the kernel reports the bits left to translate in this message register */
#define SEL4_MAPPING_LOOKUP_LEVEL 2
/* ... which, when a page table is missing, is this value */
#define SEL4_MAPPING_LOOKUP_NO_PT 21

LIBSEL4_INLINE_FUNC seL4_Word seL4_MappingFailedLookupLevel(void)
{
    return seL4_GetMR(SEL4_MAPPING_LOOKUP_LEVEL);
}
