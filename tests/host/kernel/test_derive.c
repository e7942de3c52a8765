/*
 * Capability derivation rules (src/object/objecttype.c, arch/riscv/objecttype.c,
 * src/object/mdb.c): deriveCap, isCapRevocable, sameRegionAs, sameObjectAs,
 * updateCapData, maskCapRights and hasCancelSendRights on random caps of every type,
 * against reference versions written from seL4 16.0.0's definitions over an abstract
 * view of each cap (what object it names, which bytes it covers), plus relations
 * that must hold between them.
 */
#include <stdio.h>
#include <string.h>

#include <object/structures.h>
#include <object/objecttype.h>
#include <object/mdb.h>
#include <object/untyped.h>
#include <api/failures.h>

#include "testlib.h"
#include "shim.h"
#include "ref_caps.h"

/* Objects live in a small window so that random caps often overlap. */
#define WINDOW_BASE  0x3000000000ul
#define WINDOW_BITS  24

static const word_t cap_types[] = {
    cap_null_cap, cap_untyped_cap, cap_endpoint_cap, cap_notification_cap, cap_reply_cap,
    cap_cnode_cap, cap_thread_cap, cap_irq_control_cap, cap_irq_handler_cap, cap_zombie_cap,
    cap_domain_cap, cap_frame_cap, cap_page_table_cap, cap_asid_control_cap, cap_asid_pool_cap,
#ifdef CONFIG_KERNEL_MCS
    cap_sched_context_cap, cap_sched_control_cap,
#endif
};

static word_t rnd_ptr(word_t align)
{
    if (align >= WINDOW_BITS) {
        return WINDOW_BASE;
    }
    return WINDOW_BASE + (rnd_below(BIT(WINDOW_BITS - align)) << align);
}

static cap_t random_cap_of(word_t type)
{
    switch (type) {
    case cap_untyped_cap: {
        word_t bits = seL4_MinUntypedBits + rnd_below(rnd_chance(10) ? 30 : 16);
        return cap_untyped_cap_new(rnd_below(MAX_FREE_INDEX(bits) + 1), rnd_chance(20), bits,
                                   rnd_ptr(bits));
    }
    case cap_endpoint_cap:
        return cap_endpoint_cap_new(rnd_chance(50) ? 0 : rnd_edgy(), rnd_below(2), rnd_below(2),
                                    rnd_below(2), rnd_below(2), rnd_ptr(seL4_EndpointBits + 4));
    case cap_notification_cap:
        return cap_notification_cap_new(rnd_chance(50) ? 0 : rnd_edgy(), rnd_below(2),
                                        rnd_below(2), rnd_ptr(seL4_NotificationBits + 4));
    case cap_reply_cap:
#ifdef CONFIG_KERNEL_MCS
        return cap_reply_cap_new(rnd_below(2), rnd_ptr(seL4_ReplyBits + 4));
#else
        return cap_reply_cap_new(rnd_below(2), rnd_below(2), rnd_ptr(seL4_TCBBits) + TCB_OFFSET);
#endif
    case cap_cnode_cap: {
        word_t radix = 1 + rnd_below(rnd_chance(10) ? 20 : 6);
        word_t gsize = rnd_below(64 - radix + 1);
        return cap_cnode_cap_new(radix, gsize, gsize ? rnd() & MASK(gsize) : 0,
                                 rnd_ptr(radix + seL4_SlotBits));
    }
    case cap_thread_cap:
        return cap_thread_cap_new(rnd_ptr(seL4_TCBBits) + TCB_OFFSET);
    case cap_irq_handler_cap:
        return cap_irq_handler_cap_new(rnd_below(rnd_chance(90) ? 4 : 100));
    case cap_zombie_cap: {
        word_t ztype = rnd_chance(30) ? ZombieType_ZombieTCB : 1 + rnd_below(8);
        word_t radix = zombie_radix(ztype);
        word_t align = ztype == ZombieType_ZombieTCB ? seL4_TCBBits : radix + seL4_SlotBits;
        return Zombie_new(rnd_below(BIT(radix) + 1), ztype, rnd_ptr(align));
    }
    case cap_frame_cap: {
        word_t size = rnd_below(3);
        word_t asid = rnd_chance(50) ? 0 : 1 + rnd_below(0xffff);
        return cap_frame_cap_new(asid, rnd_ptr(frame_bits(size)), size, 1 + rnd_below(3),
                                 rnd_below(2), asid ? rnd_ptr(12) : 0);
    }
    case cap_page_table_cap: {
        word_t mapped = rnd_below(2);
        return cap_page_table_cap_new(mapped ? 1 + rnd_below(0xffff) : 0, rnd_ptr(12), mapped,
                                      mapped ? rnd_ptr(21) : 0);
    }
    case cap_asid_pool_cap:
        return cap_asid_pool_cap_new(rnd_below(1ul << 16) & ~MASK(9), rnd_ptr(12));
#ifdef CONFIG_KERNEL_MCS
    case cap_sched_context_cap: {
        word_t bits = 8 + rnd_below(3);
        return cap_sched_context_cap_new(rnd_ptr(bits), bits);
    }
    case cap_sched_control_cap:
        /* one core: seL4 compares no core numbers here, Larch does; both agree at 0 */
        return cap_sched_control_cap_new(0);
#endif
    case cap_irq_control_cap:
        return cap_irq_control_cap_new();
    case cap_domain_cap:
        return cap_domain_cap_new();
    case cap_asid_control_cap:
        return cap_asid_control_cap_new();
    default:
        return cap_null_cap_new();
    }
}

static cap_t random_cap(void)
{
    return random_cap_of(cap_types[rnd_below(ARRAY_SIZE(cap_types))]);
}

/* A cap related to c: a copy with other badge/rights, or one inside it. */
static cap_t related_cap(cap_t c)
{
    switch (rnd_below(4)) {
    case 0:
        return c;
    case 1:
        if (cap_get_capType(c) == cap_untyped_cap) {
            /* an object inside the untyped */
            word_t bits = cap_untyped_cap_get_capBlockSize(c);
            word_t base = cap_untyped_cap_get_capPtr(c);
            word_t t = cap_types[rnd_below(ARRAY_SIZE(cap_types))];
            cap_t o = random_cap_of(t);
            if (cap_get_capType(o) == cap_untyped_cap) {
                word_t ob = seL4_MinUntypedBits + rnd_below(bits - seL4_MinUntypedBits + 1);
                return cap_untyped_cap_new(0, 0, ob, base + (rnd_below(BIT(bits - ob)) << ob));
            }
            if (cap_get_capType(o) == cap_endpoint_cap && bits >= seL4_EndpointBits) {
                return cap_endpoint_cap_set_capEPPtr(o, base + (rnd_below(BIT(bits - 4)) << 4));
            }
            return o;
        }
        return random_cap_of(cap_get_capType(c));
    default: {
        /* same object, other data */
        cap_t o = c;
        switch (cap_get_capType(c)) {
        case cap_endpoint_cap:
            o = cap_endpoint_cap_set_capEPBadge(o, rnd_chance(50) ? 0 : rnd_edgy());
            return cap_endpoint_cap_set_capCanSend(o, rnd_below(2));
        case cap_notification_cap:
            return cap_notification_cap_set_capNtfnBadge(o, rnd_chance(50) ? 0 : rnd_edgy());
        case cap_cnode_cap:
            return cap_cnode_cap_set_capCNodeGuardSize(cap_cnode_cap_set_capCNodeGuard(o, 0), 0);
        case cap_frame_cap:
            o = cap_frame_cap_set_capFIsDevice(o, rnd_below(2));
            return cap_frame_cap_set_capFVMRights(o, 1 + rnd_below(3));
        case cap_untyped_cap:
            return cap_untyped_cap_set_capFreeIndex(o, 0);
        default:
            return o;
        }
    }
    }
}

static cap_t ref_update_data(int preserve, word_t data, cap_t c)
{
    switch (cap_get_capType(c)) {
    case cap_endpoint_cap:
        if (preserve || cap_endpoint_cap_get_capEPBadge(c)) {
            return cap_null_cap_new();
        }
        return cap_endpoint_cap_set_capEPBadge(c, data);
    case cap_notification_cap:
        if (preserve || cap_notification_cap_get_capNtfnBadge(c)) {
            return cap_null_cap_new();
        }
        return cap_notification_cap_set_capNtfnBadge(c, data);
    case cap_cnode_cap: {
        /* seL4_CNode_CapData on 64-bit: guardSize in bits 5..0, guard in 63..6 */
        word_t gsize = data & 0x3f, guard = data >> 6;
        if (gsize + cap_cnode_cap_get_capCNodeRadix(c) > 64) {
            return cap_null_cap_new();
        }
        guard &= MASK(gsize);
        return cap_cnode_cap_set_capCNodeGuardSize(cap_cnode_cap_set_capCNodeGuard(c, guard), gsize);
    }
    default:
        return c;
    }
}

static cap_t ref_mask_rights(word_t rights, cap_t c)
{
    /* seL4_CapRights: bit 3 GrantReply, 2 Grant, 1 Read, 0 Write */
    word_t w = rights & 1, r = (rights >> 1) & 1, g = (rights >> 2) & 1, gr = (rights >> 3) & 1;
    switch (cap_get_capType(c)) {
    case cap_endpoint_cap:
        return cap_endpoint_cap_new(cap_endpoint_cap_get_capEPBadge(c),
                                    cap_endpoint_cap_get_capCanGrantReply(c) & gr,
                                    cap_endpoint_cap_get_capCanGrant(c) & g,
                                    cap_endpoint_cap_get_capCanReceive(c) & r,
                                    cap_endpoint_cap_get_capCanSend(c) & w,
                                    cap_endpoint_cap_get_capEPPtr(c));
    case cap_notification_cap:
        return cap_notification_cap_new(cap_notification_cap_get_capNtfnBadge(c),
                                        cap_notification_cap_get_capNtfnCanReceive(c) & r,
                                        cap_notification_cap_get_capNtfnCanSend(c) & w,
                                        cap_notification_cap_get_capNtfnPtr(c));
    case cap_reply_cap:
        return cap_reply_cap_set_capReplyCanGrant(c, cap_reply_cap_get_capReplyCanGrant(c) & g);
    case cap_frame_cap: {
        /* VMKernelOnly 1, VMReadOnly 2, VMReadWrite 3 */
        word_t vm = cap_frame_cap_get_capFVMRights(c), out;
        if (!r) {
            out = 1;
        } else if (vm == 2) {
            out = 2;
        } else if (vm == 3) {
            out = w ? 3 : 2;
        } else {
            out = 1;
        }
        return cap_frame_cap_set_capFVMRights(c, out);
    }
    default:
        return c;
    }
}

/* --- deriveCap needs a slot: alone, or followed by a child in the MDB ---------------- */

static cte_t *slots;

static void check_derive(cap_t c)
{
    cte_t *s = &slots[0], *child = &slots[1];
    memset(slots, 0, 2 * sizeof(cte_t));
    s->cap = c;
    s->cteMDBNode = mdb_node_new(0, true, true, 0);
    int has_child = cap_get_capType(c) == cap_untyped_cap && rnd_chance(50);
    if (has_child) {
        /* an endpoint inside the untyped, right after it */
        cap_t o = cap_endpoint_cap_new(0, 1, 1, 1, 1, cap_untyped_cap_get_capPtr(c));
        mdbLinkAfter(s, child, o, true);
    }
    memset(&current_syscall_error, 0, sizeof(current_syscall_error));
    deriveCap_ret_t r = deriveCap(s, c);

    exception_t status = EXCEPTION_NONE;
    word_t err = 0;
    cap_t expect = c;
    switch (cap_get_capType(c)) {
    case cap_zombie_cap:
    case cap_irq_control_cap:
        expect = cap_null_cap_new();
        break;
#ifndef CONFIG_KERNEL_MCS
    case cap_reply_cap:
        expect = cap_null_cap_new();
        break;
#endif
    case cap_untyped_cap:
        if (has_child) {
            status = EXCEPTION_SYSCALL_ERROR;
            err = seL4_RevokeFirst;
            expect = cap_null_cap_new();
        }
        break;
    case cap_page_table_cap:
        if (!cap_page_table_cap_get_capPTIsMapped(c)) {
            status = EXCEPTION_SYSCALL_ERROR;
            err = seL4_IllegalOperation;
            expect = cap_null_cap_new();
        }
        break;
    case cap_frame_cap:
        expect = cap_frame_cap_set_capFMappedASID(cap_frame_cap_set_capFMappedAddress(c, 0), 0);
        break;
    default:
        break;
    }
    CHECK(r.status == status && (status == EXCEPTION_NONE || current_syscall_error.type == err) &&
          caps_equal(r.cap, expect),
          "deriveCap(type %lu, child %d): status %lu err %lu cap %#lx:%#lx, expected %lu %lu "
          "%#lx:%#lx", cap_get_capType(c), has_child, r.status, current_syscall_error.type,
          r.cap.words[0], r.cap.words[1], status, err, expect.words[0], expect.words[1]);
    if (cap_get_capType(r.cap) != cap_null_cap) {
        CHECK(sameObjectAs(c, r.cap) == sameObjectAs(c, c),
              "a derived cap (type %lu) names its original's object", cap_get_capType(c));
    }
    if (has_child) {
        mdbUnlink(child);
    }
}

int main(int argc, char **argv)
{
    test_init("host-san-derive", argc, argv);
    slots = arena_alloc(2 * sizeof(cte_t), seL4_SlotBits);
    unsigned long iters = test_iters(200000);
    unsigned long region_true = 0, object_true = 0;
    for (unsigned long i = 0; i < iters; i++) {
        cap_t a = random_cap();
        cap_t b = rnd_chance(60) ? related_cap(a) : random_cap();
        if (rnd_chance(50)) {
            cap_t t = a;
            a = b;
            b = t;
        }

        int sr = sameRegionAs(a, b);
        CHECK(sr == ref_same_region(a, b),
              "sameRegionAs(%#lx:%#lx, %#lx:%#lx) = %d", a.words[0], a.words[1], b.words[0],
              b.words[1], sr);
        int so = sameObjectAs(a, b);
        CHECK(so == ref_same_object(a, b),
              "sameObjectAs(%#lx:%#lx, %#lx:%#lx) = %d", a.words[0], a.words[1], b.words[0],
              b.words[1], so);
        CHECK(!so || sr || cap_get_capType(a) == cap_frame_cap,
              "sameObjectAs without sameRegionAs (type %lu)", cap_get_capType(a));
        region_true += sr;
        object_true += so;

        if (cap_get_capType(a) == cap_get_capType(b) ||
            (cap_get_capType(a) == cap_irq_handler_cap && cap_get_capType(b) == cap_irq_control_cap)) {
            CHECK(isCapRevocable(a, b) == (bool_t)ref_revocable(a, b),
                  "isCapRevocable(type %lu from type %lu)", cap_get_capType(a), cap_get_capType(b));
        }

        int preserve = rnd_below(2);
        word_t data = rnd_edgy();
        cap_t u = updateCapData(preserve, data, a);
        cap_t ue = ref_update_data(preserve, data, a);
        CHECK(caps_equal(u, ue), "updateCapData(%d, %#lx, type %lu): %#lx:%#lx, expected %#lx:%#lx",
              preserve, data, cap_get_capType(a), u.words[0], u.words[1], ue.words[0], ue.words[1]);
        if (cap_get_capType(u) != cap_null_cap) {
            CHECK(sameObjectAs(a, u) == sameObjectAs(a, a), "updateCapData keeps the object (type %lu)",
                  cap_get_capType(a));
        }

        word_t rights = rnd_below(16);
        seL4_CapRights_t cr = { .words = { rights } };
        cap_t m = maskCapRights(cr, a);
        cap_t me = ref_mask_rights(rights, a);
        CHECK(caps_equal(m, me), "maskCapRights(%#lx, type %lu): %#lx:%#lx, expected %#lx:%#lx",
              rights, cap_get_capType(a), m.words[0], m.words[1], me.words[0], me.words[1]);
        CHECK(caps_equal(maskCapRights(cr, m), m), "maskCapRights is idempotent (type %lu)",
              cap_get_capType(a));
        seL4_CapRights_t all = { .words = { 0xf } };
        CHECK(caps_equal(maskCapRights(all, a), a), "all rights change nothing (type %lu)",
              cap_get_capType(a));

        int cancel = cap_get_capType(a) == cap_endpoint_cap &&
                     cap_endpoint_cap_get_capCanSend(a) && cap_endpoint_cap_get_capCanReceive(a) &&
                     cap_endpoint_cap_get_capCanGrant(a) && cap_endpoint_cap_get_capCanGrantReply(a);
        CHECK(hasCancelSendRights(a) == (bool_t)cancel, "hasCancelSendRights (type %lu)",
              cap_get_capType(a));

        check_derive(a);
    }
    printf("host-san-derive: %lu cap pairs (%lu sameRegionAs, %lu sameObjectAs true)\n", iters,
           region_true, object_true);
    return test_finish();
}
