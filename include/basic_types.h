/*
 * Basic kernel types. The kernel is LP64: a word is 64 bits.
 */
#pragma once

#include <stdint.h>
#include <stdbool.h>
#include <stddef.h>

typedef unsigned long word_t;
typedef signed long sword_t;
typedef word_t bool_t;

typedef word_t paddr_t;   /* physical address */
typedef word_t pptr_t;    /* kernel virtual address in the direct map */
typedef word_t vptr_t;    /* user virtual address */
typedef word_t cptr_t;    /* capability pointer (CSpace address) */
typedef word_t dom_t;
typedef word_t prio_t;
typedef word_t asid_t;
typedef word_t irq_t;

/* [start, end) regions of physical, kernel and user addresses */
typedef struct { paddr_t start, end; } p_region_t;
typedef struct { pptr_t start, end; } region_t;
typedef struct { vptr_t start, end; } v_region_t;

#define wordBits 64
#define wordRadix 6
