/*
 * Operations every capability type supports: deriving, comparing, identifying.
 */
#pragma once

#include <object/structures.h>

typedef struct deriveCap_ret {
    exception_t status;
    cap_t cap;
} deriveCap_ret_t;

deriveCap_ret_t deriveCap(cte_t *slot, cap_t cap);
static inline bool_t isArchCap(cap_t cap)
{
    /* RISC-V caps have odd tags (seL4's include/arch/riscv/arch/object/structures.bf) */
    return cap_get_capType(cap) & 1;
}
void Arch_initContext(user_context_t *context);

/* Zombie caps record what they were: a TCB, or a CNode of radix capZombieType. */
#define ZombieType_ZombieTCB    BIT(wordRadix)

bool_t sameRegionAs(cap_t a, cap_t b);
bool_t cap_is_physical(cap_t cap);
pptr_t cap_get_capPtr(cap_t cap);
word_t cap_get_capSizeBits(cap_t cap);

/* arch hooks (arch/riscv/objecttype.c) */
deriveCap_ret_t Arch_deriveCap(cte_t *slot, cap_t cap);
bool_t Arch_sameRegionAs(cap_t a, cap_t b);
pptr_t Arch_cap_get_capPtr(cap_t cap);
word_t Arch_cap_get_capSizeBits(cap_t cap);

#define TCB_CNODE_RADIX 4

static inline word_t zombie_radix(word_t type)
{
    return type == ZombieType_ZombieTCB ? TCB_CNODE_RADIX : type;
}

/* A zombie's ID packs the object pointer with the count of slots still to clear. */
static inline pptr_t cap_zombie_cap_get_capZombiePtr(cap_t cap)
{
    word_t radix = zombie_radix(cap_zombie_cap_get_capZombieType(cap));
    return cap_zombie_cap_get_capZombieID(cap) & ~MASK(radix + 1);
}

word_t getObjectSize(word_t t, word_t userObjSize);
cap_t createObject(word_t t, pptr_t regionBase, word_t userSize, bool_t deviceMemory);
bool_t Arch_isFrameType(word_t type);
word_t Arch_getObjectSize(word_t t);
cap_t Arch_createObject(word_t t, pptr_t regionBase, word_t userSize, bool_t deviceMemory);

typedef struct finaliseCap_ret {
    cap_t remainder;
    cap_t cleanupInfo;      /* an IRQ handler cap whose IRQ is released after the slot empties */
} finaliseCap_ret_t;

bool_t sameObjectAs(cap_t a, cap_t b);
finaliseCap_ret_t finaliseCap(cap_t cap, bool_t final, bool_t exposed);
finaliseCap_ret_t Arch_finaliseCap(cap_t cap, bool_t final);
void postCapDeletion(cap_t cap);
cap_t updateCapData(bool_t preserve, word_t newData, cap_t cap);
cap_t maskCapRights(seL4_CapRights_t cap_rights, cap_t cap);
cap_t Arch_maskCapRights(seL4_CapRights_t cap_rights, cap_t cap);
bool_t hasCancelSendRights(cap_t cap);

static inline cap_t Zombie_new(word_t number, word_t type, pptr_t ptr)
{
    word_t mask = MASK(zombie_radix(type) + 1);
    return cap_zombie_cap_new((ptr & ~mask) | (number & mask), type);
}

static inline word_t cap_zombie_cap_get_capZombieNumber(cap_t cap)
{
    word_t radix = zombie_radix(cap_zombie_cap_get_capZombieType(cap));
    return cap_zombie_cap_get_capZombieID(cap) & MASK(radix + 1);
}

static inline cap_t cap_zombie_cap_set_capZombieNumber(cap_t cap, word_t n)
{
    word_t radix = zombie_radix(cap_zombie_cap_get_capZombieType(cap));
    word_t ptr = cap_zombie_cap_get_capZombieID(cap) & ~MASK(radix + 1);
    return cap_zombie_cap_set_capZombieID(cap, ptr | (n & MASK(radix + 1)));
}
