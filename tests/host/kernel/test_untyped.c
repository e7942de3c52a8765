/*
 * Untyped_Retype (src/object/untyped.c): random arguments, untypeds of every size with
 * and without children, device and RAM, at the top of their free space and beyond,
 * against a model of seL4 16.0.0's decode order, size and alignment rules and free-index
 * arithmetic. Successful retypes are checked cap by cap (type, address, MDB links) and
 * for the memory they reset; resets are preempted at random and restarted, and after
 * every preemption the memory above the free index must already be zero. Memory the
 * untyped does not cover is poisoned, so any access outside it is an ASan report.
 */
#include <stdio.h>
#include <string.h>

#include <object/structures.h>
#include <object/objecttype.h>
#include <object/untyped.h>
#include <object/mdb.h>
#include <object/invocation.h>
#include <kernel/cspace.h>
#include <api/failures.h>

#include "testlib.h"
#include "shim.h"

#define AREA_BITS    18             /* backed untypeds: up to 256 KiB of real memory */
#define ROOT_RADIX   3
#define DEST_SLOT    5              /* root slot holding the destination CNode cap */
#define MAX_DEST_RADIX 9

static uint8_t *area;               /* 2^AREA_BITS bytes, aligned to their size */
static cte_t *root_node, *dest_node, *uslot, *child_slot, *root_slot;

static word_t ref_object_bits(word_t type, word_t user)
{
    switch (type) {
    case seL4_UntypedObject: return user;
    case seL4_TCBObject: return seL4_TCBBits;
    case seL4_EndpointObject: return seL4_EndpointBits;
    case seL4_NotificationObject: return seL4_NotificationBits;
    case seL4_CapTableObject: return user + seL4_SlotBits;
#ifdef CONFIG_KERNEL_MCS
    case seL4_SchedContextObject: return user;
    case seL4_ReplyObject: return seL4_ReplyBits;
#endif
    case seL4_RISCV_4K_Page: return 12;
    case seL4_RISCV_Mega_Page: return 21;
    case seL4_RISCV_Giga_Page: return 30;
    case seL4_RISCV_PageTableObject: return 12;
    default: return 0;
    }
}

static int is_frame(word_t type)
{
    return type == seL4_RISCV_4K_Page || type == seL4_RISCV_Mega_Page ||
           type == seL4_RISCV_Giga_Page;
}

static cap_t ref_new_cap(word_t type, word_t addr, word_t user, int device)
{
    switch (type) {
    case seL4_UntypedObject: return cap_untyped_cap_new(0, device, user, addr);
    case seL4_TCBObject: return cap_thread_cap_new(addr + TCB_OFFSET);
    case seL4_EndpointObject: return cap_endpoint_cap_new(0, 1, 1, 1, 1, addr);
    case seL4_NotificationObject: return cap_notification_cap_new(0, 1, 1, addr);
    case seL4_CapTableObject: return cap_cnode_cap_new(user, 0, 0, addr);
#ifdef CONFIG_KERNEL_MCS
    case seL4_SchedContextObject: return cap_sched_context_cap_new(addr, user);
    case seL4_ReplyObject: return cap_reply_cap_new(1, addr);
#endif
    case seL4_RISCV_4K_Page: return cap_frame_cap_new(0, addr, 0, 3, device, 0);
    case seL4_RISCV_Mega_Page: return cap_frame_cap_new(0, addr, 1, 3, device, 0);
    case seL4_RISCV_Giga_Page: return cap_frame_cap_new(0, addr, 2, 3, device, 0);
    default: return cap_page_table_cap_new(0, addr, 0, 0);
    }
}

typedef struct expect {
    word_t error;           /* seL4_NoError or the error */
    word_t d1, d2;          /* its details: arg number / range / memory left */
    int lookup;             /* FailedLookup: fault is current_lookup_fault of the ref lookup */
    lookup_fault_t fault;
    word_t aligned, newFree, objBits, window, offset;
    cte_t *dest;
} expect_t;

/* seL4 16.0.0's decodeUntypedInvocation, step by step. */
static expect_t model(word_t label, word_t length, cte_t *rootref, const word_t *a,
                      cap_t ut, int has_children)
{
    expect_t e = { .error = seL4_NoError };
    word_t type = a[0], user = a[1], index = a[2], depth = a[3], offset = a[4], window = a[5];
    if (label != UntypedRetype) {
        e.error = seL4_IllegalOperation;
        return e;
    }
    if (length < 6 || !rootref) {
        e.error = seL4_TruncatedMessage;
        return e;
    }
    if (type >= seL4_ObjectTypeCount) {
        e.error = seL4_InvalidArgument;
        e.d1 = 0;
        return e;
    }
    word_t bits = ref_object_bits(type, user);
    if (user >= 64 || bits > seL4_MaxUntypedBits) {
        e.error = seL4_RangeError;
        e.d1 = 0;
        e.d2 = seL4_MaxUntypedBits;
        return e;
    }
    if ((type == seL4_CapTableObject && user == 0) ||
        (type == seL4_UntypedObject && user < seL4_MinUntypedBits)
#ifdef CONFIG_KERNEL_MCS
        || (type == seL4_SchedContextObject && user < seL4_MinSchedContextBits)
#endif
       ) {
        e.error = seL4_InvalidArgument;
        e.d1 = 1;
        return e;
    }
    cap_t node = rootref->cap;
    if (depth != 0) {
        /* CSpace lookups have their own test (host-san-cspace) */
        lookupSlot_ret_t l = lookupSlotForCNodeOp(false, rootref->cap, index, depth);
        if (l.status != EXCEPTION_NONE) {
            e.error = current_syscall_error.type;
            e.d1 = current_syscall_error.rangeErrorMin;
            e.d2 = current_syscall_error.rangeErrorMax;
            e.lookup = e.error == seL4_FailedLookup;
            e.fault = current_lookup_fault;
            return e;
        }
        node = l.slot->cap;
    }
    if (cap_get_capType(node) != cap_cnode_cap) {
        e.error = seL4_FailedLookup;
        e.lookup = 1;
        e.fault = lookup_fault_missing_capability_new(depth);
        return e;
    }
    word_t size = 1ul << cap_cnode_cap_get_capCNodeRadix(node);
    if (offset > size - 1) {
        e.error = seL4_RangeError;
        e.d1 = 0;
        e.d2 = size - 1;
        return e;
    }
    if (window < 1 || window > CONFIG_RETYPE_FAN_OUT_LIMIT) {
        e.error = seL4_RangeError;
        e.d1 = 1;
        e.d2 = CONFIG_RETYPE_FAN_OUT_LIMIT;
        return e;
    }
    if (window > size - offset) {
        e.error = seL4_RangeError;
        e.d1 = 1;
        e.d2 = size - offset;
        return e;
    }
    cte_t *dest = (cte_t *)cap_cnode_cap_get_capCNodePtr(node);
    for (word_t i = offset; i < offset + window; i++) {
        if (cap_get_capType(dest[i].cap) != cap_null_cap) {
            e.error = seL4_DeleteFirst;
            return e;
        }
    }
    word_t base = cap_untyped_cap_get_capPtr(ut);
    word_t ubits = cap_untyped_cap_get_capBlockSize(ut);
    word_t free_index = has_children ? cap_untyped_cap_get_capFreeIndex(ut) : 0;
    unsigned __int128 free_bytes = ((unsigned __int128)1 << ubits) - free_index * 16;
    if (free_bytes < (unsigned __int128)window << bits) {
        e.error = seL4_NotEnoughMemory;
        e.d1 = (word_t)free_bytes;
        return e;
    }
    if (cap_untyped_cap_get_capIsDevice(ut) && !is_frame(type) && type != seL4_UntypedObject) {
        e.error = seL4_InvalidArgument;
        e.d1 = 1;
        return e;
    }
    unsigned __int128 free_ref = base + free_index * 16;
    unsigned __int128 mask = ((unsigned __int128)1 << bits) - 1;
    unsigned __int128 aligned = (free_ref + mask) & ~mask;
    unsigned __int128 end = aligned + ((unsigned __int128)window << bits);
    CHECK(end <= base + ((unsigned __int128)1 << ubits), "model: objects past the untyped's end");
    e.aligned = (word_t)aligned;
    e.newFree = (word_t)((end - base) / 16);
    e.objBits = bits;
    e.window = window;
    e.offset = offset;
    e.dest = dest;
    return e;
}

static int zero_above(word_t from, word_t to)
{
    for (word_t p = from; p < to; p += 8) {
        if (*(uint64_t *)p) {
            return 0;
        }
    }
    return 1;
}

static unsigned long n_ok, n_err, n_reset, n_preempted_runs;
static unsigned long err_hist[seL4_NumErrors + 1];

static void one_case(void)
{
    memset(root_node, 0, sizeof(cte_t) << ROOT_RADIX);
    memset(dest_node, 0, sizeof(cte_t) << MAX_DEST_RADIX);
    memset(uslot, 0, sizeof(cte_t));
    memset(child_slot, 0, sizeof(cte_t));
    memset(root_slot, 0, sizeof(cte_t));

    /* the untyped */
    int backed = rnd_chance(70);
    int device = rnd_chance(15);
    word_t ubits, base;
    if (backed) {
        ubits = seL4_MinUntypedBits + rnd_below(AREA_BITS - seL4_MinUntypedBits + 1);
        base = (word_t)area;
    } else {
        ubits = seL4_MinUntypedBits + rnd_below(seL4_MaxUntypedBits - seL4_MinUntypedBits + 1);
        base = rnd_below(1ul << (38 - ubits)) << ubits;
    }
    int has_child = !backed || rnd_chance(40);
    word_t max_free = MAX_FREE_INDEX(ubits), free_index;
    switch (rnd_below(8)) {
    case 0: free_index = max_free; break;
    case 1: free_index = max_free - rnd_below(max_free < 4 ? max_free + 1 : 4); break;
    case 2: free_index = rnd_below(max_free + 1) & ~MASK(rnd_below(ubits - 3)); break;
    case 3: free_index = rnd_below(max_free + 1); break;
    default: free_index = rnd_below(max_free / 4 + 1); break;
    }
    if (has_child && free_index == 0) {
        free_index = 1;
    }
    cap_t ut = cap_untyped_cap_new(free_index, device, ubits, base);
    uslot->cap = ut;
    uslot->cteMDBNode = mdb_node_new(0, true, true, 0);
    if (has_child) {
        mdbLinkAfter(uslot, child_slot, cap_endpoint_cap_new(0, 1, 1, 1, 1, base), true);
    }
    if (backed) {
        arena_poison(area, 1ul << AREA_BITS);
        arena_unpoison(area, 1ul << ubits);
        memset(area, 0, 1ul << ubits);
        /* below the free index memory may be dirty; above it, it is zero */
        if (!device && free_index) {
            memset(area, 0xa5, free_index * 16);
        }
    }

    /* the CSpace: a root CNode whose slot DEST_SLOT holds the destination CNode */
    word_t dest_radix = 1 + rnd_below(MAX_DEST_RADIX);
    cap_t dest_cap = cap_cnode_cap_new(dest_radix, 0, 0, (word_t)dest_node);
    cap_t root_cap = cap_cnode_cap_new(ROOT_RADIX, 64 - ROOT_RADIX - 8, 0, (word_t)root_node);
    root_node[DEST_SLOT].cap = dest_cap;
    root_node[2].cap = cap_endpoint_cap_new(0, 1, 1, 1, 1, 0x1000);
    for (word_t i = 0; i < BIT(dest_radix); i++) {
        if (rnd_chance(3)) {
            dest_node[i].cap = cap_endpoint_cap_new(0, 1, 1, 1, 1, 0x3000);
        }
    }

    /* the arguments */
    word_t label = rnd_chance(2) ? rnd_below(100) : UntypedRetype;
    word_t length = rnd_chance(3) ? rnd_below(6) : 6 + rnd_below(3);
    cte_t *rootref = rnd_chance(2) ? NULL : root_slot;
    word_t *a = shim_syscall_args;
    a[0] = rnd_chance(3) ? rnd_edgy() : rnd_below(seL4_ObjectTypeCount);
    if (!backed && a[0] == seL4_TCBObject) {
        a[0] = seL4_EndpointObject;         /* nothing behind unbacked untypeds to write to */
    }
    switch (a[0]) {
    case seL4_UntypedObject:
        a[1] = rnd_chance(80) ? rnd_below(ubits + 3) : rnd_below(70);
        break;
    case seL4_CapTableObject:
#ifdef CONFIG_KERNEL_MCS
    case seL4_SchedContextObject:
#endif
        a[1] = rnd_chance(80) ? rnd_below(ubits > 10 ? ubits - 4 : 8) : rnd_below(70);
        break;
    default:
        a[1] = rnd_chance(90) ? rnd_below(4) : rnd_edgy();
        break;
    }
    if (rnd_chance(3)) {
        a[1] = rnd_edgy();
    }
    unsigned k = rnd_below(10);
    if (k < 5) {
        /* the root is the destination */
        a[2] = rnd(), a[3] = 0;
        root_slot->cap = dest_cap;
    } else if (k < 9) {
        /* the destination cap through the root's guard */
        a[2] = DEST_SLOT, a[3] = 64 - 8;
        root_slot->cap = root_cap;
    } else {
        a[2] = rnd_edgy(), a[3] = rnd_below(70);
        root_slot->cap = rnd_chance(50) ? dest_cap : root_cap;
    }
    if (rnd_chance(3)) {
        root_slot->cap = cap_notification_cap_new(0, 1, 1, 0x2000);
    }
    word_t size = BIT(dest_radix);
    a[4] = rnd_chance(90) ? rnd_below(size) : (rnd_chance(50) ? size + rnd_below(3) : rnd_edgy());
    word_t room = a[4] < size ? size - a[4] : 1;
    a[5] = rnd_chance(85) ? 1 + rnd_below(MIN(room, rnd_chance(50) ? 4ul : 40ul))
                          : (rnd_chance(50) ? rnd_below(300) : rnd_edgy());
    if (backed && a[0] == seL4_TCBObject && a[5] > 4) {
        a[5] = 4;
    }
    if (rnd_chance(15)) {
        a[5] = size - a[4] + rnd_below(3) - 1;      /* at the edge of the CNode */
    }

    memset(&current_syscall_error, 0, sizeof(current_syscall_error));
    expect_t e = model(label, length, rootref, a, ut, has_child);
    cte_t dest_before[BIT(MAX_DEST_RADIX)];
    memcpy(dest_before, dest_node, sizeof(dest_before));
    mdb_node_t umdb_before = uslot->cteMDBNode;

    current_extra_caps.excaprefs[0] = rootref;
    shim_preempt_percent = rnd_chance(30) ? 1 + rnd_below(60) : 0;
    memset(&current_syscall_error, 0, sizeof(current_syscall_error));
    current_lookup_fault = lookup_fault_invalid_root_new();
    unsigned long messages = shim_user_errors;
    exception_t st;
    int preempted = 0;
    while ((st = decodeUntypedInvocation(label, length, uslot, uslot->cap, true, shim_args())) ==
           EXCEPTION_PREEMPTED) {
        /* a reset was interrupted: the free index covers every dirty byte */
        preempted++;
        cap_t now = uslot->cap;
        CHECK(cap_untyped_cap_get_capPtr(now) == base &&
              cap_untyped_cap_get_capBlockSize(now) == ubits &&
              cap_untyped_cap_get_capFreeIndex(now) <= free_index,
              "preempted reset: cap %#lx:%#lx", now.words[0], now.words[1]);
        CHECK(zero_above(base + cap_untyped_cap_get_capFreeIndex(now) * 16, base + BIT(ubits)),
              "preempted reset: memory above free index %lu is not zero",
              cap_untyped_cap_get_capFreeIndex(now));
        CHECK(!memcmp(dest_before, dest_node, sizeof(dest_before)),
              "preempted reset: destination changed");
        /* the restarted syscall decodes again with the cap as it is now */
        ut = uslot->cap;
    }
    shim_preempt_percent = 0;
    n_preempted_runs += preempted > 0;

    if (e.error != seL4_NoError) {
        n_err++;
        err_hist[e.error]++;
        CHECK(st == EXCEPTION_SYSCALL_ERROR && current_syscall_error.type == e.error,
              "args %lu %lu %#lx %lu %lu %lu (ut bits %lu free %lu%s%s): status %lu error %lu, "
              "expected error %lu", a[0], a[1], a[2], a[3], a[4], a[5], ubits, free_index,
              has_child ? " child" : "", device ? " device" : "", st,
              current_syscall_error.type, e.error);
        /* every error path says why (userError) */
        CHECK(shim_user_errors > messages, "retype error %lu without a diagnostic", e.error);
        switch (e.error) {
        case seL4_InvalidArgument:
            CHECK(current_syscall_error.invalidArgumentNumber == e.d1, "invalid argument %lu, "
                  "expected %lu", current_syscall_error.invalidArgumentNumber, e.d1);
            break;
        case seL4_RangeError:
            CHECK(current_syscall_error.rangeErrorMin == e.d1 &&
                  current_syscall_error.rangeErrorMax == e.d2,
                  "range [%lu, %lu], expected [%lu, %lu] (args %lu %lu %#lx %lu %lu %lu)",
                  current_syscall_error.rangeErrorMin, current_syscall_error.rangeErrorMax,
                  e.d1, e.d2, a[0], a[1], a[2], a[3], a[4], a[5]);
            break;
        case seL4_NotEnoughMemory:
            CHECK(current_syscall_error.memoryLeft == e.d1, "memory left %lu, expected %lu",
                  current_syscall_error.memoryLeft, e.d1);
            break;
        case seL4_FailedLookup:
            CHECK(!current_syscall_error.failedLookupWasSource &&
                  current_lookup_fault.words[0] == e.fault.words[0] &&
                  current_lookup_fault.words[1] == e.fault.words[1],
                  "lookup fault %#lx:%#lx, expected %#lx:%#lx", current_lookup_fault.words[0],
                  current_lookup_fault.words[1], e.fault.words[0], e.fault.words[1]);
            break;
        default:
            break;
        }
        CHECK(uslot->cap.words[0] == ut.words[0] && uslot->cap.words[1] == ut.words[1] &&
              uslot->cteMDBNode.words[0] == umdb_before.words[0] &&
              uslot->cteMDBNode.words[1] == umdb_before.words[1] &&
              !memcmp(dest_before, dest_node, sizeof(dest_before)),
              "a failed retype changed the untyped or the destination");
        return;
    }

    n_ok++;
    CHECK(st == EXCEPTION_NONE, "args %lu %lu %#lx %lu %lu %lu (ut bits %lu free %lu%s%s): "
          "status %lu error %lu, expected success", a[0], a[1], a[2], a[3], a[4], a[5], ubits,
          free_index, has_child ? " child" : "", device ? " device" : "", st,
          current_syscall_error.type);
    cap_t now = uslot->cap;
    CHECK(now.words[0] == ut.words[0] &&
          cap_untyped_cap_set_capFreeIndex(now, 0).words[1] ==
          cap_untyped_cap_set_capFreeIndex(ut, 0).words[1] &&
          cap_untyped_cap_get_capFreeIndex(now) == e.newFree,
          "free index %lu, expected %lu (objects of 2^%lu at %#lx)",
          cap_untyped_cap_get_capFreeIndex(now), e.newFree, e.objBits, e.aligned);
    /* the new caps: in the window, newest right after the untyped */
    cte_t *prev = uslot;
    for (word_t j = e.window; j-- > 0;) {
        cte_t *s = &e.dest[e.offset + j];
        cap_t want = ref_new_cap(a[0], e.aligned + (j << e.objBits), a[1], device);
        CHECK(s->cap.words[0] == want.words[0] && s->cap.words[1] == want.words[1],
              "object %lu: cap %#lx:%#lx, expected %#lx:%#lx", j, s->cap.words[0],
              s->cap.words[1], want.words[0], want.words[1]);
        CHECK(mdb_node_get_mdbNext(prev->cteMDBNode) == (word_t)s &&
              mdb_node_get_mdbPrev(s->cteMDBNode) == (word_t)prev &&
              mdb_node_get_mdbRevocable(s->cteMDBNode) &&
              mdb_node_get_mdbFirstBadged(s->cteMDBNode),
              "object %lu: MDB links", j);
        prev = s;
    }
    word_t after = has_child ? (word_t)child_slot : 0;
    CHECK(mdb_node_get_mdbNext(prev->cteMDBNode) == after &&
          (!after || mdb_node_get_mdbPrev(child_slot->cteMDBNode) == (word_t)prev),
          "the untyped's older children follow its new ones");
    for (word_t i = 0; i < BIT(MAX_DEST_RADIX); i++) {
        if (i < e.offset || i >= e.offset + e.window || e.dest != dest_node) {
            CHECK(!memcmp(&dest_before[i], &dest_node[i], sizeof(cte_t)),
                  "slot %lu outside the window changed", i);
        }
    }
    if (!has_child) {
        n_reset++;
        if (backed && !device && a[0] != seL4_TCBObject) {
            CHECK(zero_above(base, base + BIT(ubits)), "reset left dirty memory");
        }
    }
}

int main(int argc, char **argv)
{
    test_init("host-san-untyped", argc, argv);
    area = arena_alloc(1ul << AREA_BITS, AREA_BITS);
    root_node = arena_alloc(sizeof(cte_t) << ROOT_RADIX, ROOT_RADIX + seL4_SlotBits);
    dest_node = arena_alloc(sizeof(cte_t) << MAX_DEST_RADIX, MAX_DEST_RADIX + seL4_SlotBits);
    uslot = arena_alloc(sizeof(cte_t), seL4_SlotBits);
    child_slot = arena_alloc(sizeof(cte_t), seL4_SlotBits);
    root_slot = arena_alloc(sizeof(cte_t), seL4_SlotBits);

    unsigned long iters = test_iters(40000);
    for (unsigned long i = 0; i < iters; i++) {
        one_case();
    }
    printf("host-san-untyped: %lu retypes: %lu succeeded (%lu after a reset, %lu preempted and "
           "restarted), %lu failed:", iters, n_ok, n_reset, n_preempted_runs, n_err);
    for (unsigned i = 0; i <= seL4_NumErrors; i++) {
        if (err_hist[i]) {
            printf(" error %u x%lu", i, err_hist[i]);
        }
    }
    printf("\n");
    return test_finish();
}
