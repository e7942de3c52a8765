/*
 * Reference versions of seL4 16.0.0's cap comparison rules (sameRegionAs, sameObjectAs,
 * isCapRevocable), written over an abstract view of each cap: which bytes it covers and
 * which object it names. Shared by the host tests; kept apart from the kernel's code.
 */
#pragma once

#include <object/structures.h>
#include <object/objecttype.h>

#define REF_UNUSED __attribute__((unused))

static REF_UNUSED word_t frame_bits(word_t size)
{
    return size == 0 ? 12 : size == 1 ? 21 : 30;
}

/* --- the abstract view and the reference rules ------------------------------------- */

typedef struct {
    int physical;
    word_t base, bits;      /* bytes [base, base + 2^bits) for physical caps */
} region_view_t;

static REF_UNUSED region_view_t view(cap_t c)
{
    region_view_t v = { 0, 0, 0 };
    switch (cap_get_capType(c)) {
    case cap_untyped_cap:
        v = (region_view_t){ 1, cap_untyped_cap_get_capPtr(c), cap_untyped_cap_get_capBlockSize(c) };
        break;
    case cap_endpoint_cap:
        v = (region_view_t){ 1, cap_endpoint_cap_get_capEPPtr(c), seL4_EndpointBits };
        break;
    case cap_notification_cap:
        v = (region_view_t){ 1, cap_notification_cap_get_capNtfnPtr(c), seL4_NotificationBits };
        break;
    case cap_cnode_cap:
        v = (region_view_t){ 1, cap_cnode_cap_get_capCNodePtr(c),
                             cap_cnode_cap_get_capCNodeRadix(c) + seL4_SlotBits };
        break;
    case cap_thread_cap:
        /* the TCB object starts with its slots, before the tcb_t the cap points at */
        v = (region_view_t){ 1, cap_thread_cap_get_capTCBPtr(c) & ~MASK(seL4_TCBBits),
                             seL4_TCBBits };
        break;
    case cap_zombie_cap: {
        word_t t = cap_zombie_cap_get_capZombieType(c);
        v = (region_view_t){ 1, cap_zombie_cap_get_capZombiePtr(c),
                             t == ZombieType_ZombieTCB ? seL4_TCBBits : t + seL4_SlotBits };
        break;
    }
    case cap_frame_cap:
        v = (region_view_t){ 1, cap_frame_cap_get_capFBasePtr(c),
                             frame_bits(cap_frame_cap_get_capFSize(c)) };
        break;
    case cap_page_table_cap:
        v = (region_view_t){ 1, cap_page_table_cap_get_capPTBasePtr(c), seL4_PageTableBits };
        break;
    case cap_asid_pool_cap:
        v = (region_view_t){ 1, cap_asid_pool_cap_get_capASIDPool(c), seL4_ASIDPoolBits };
        break;
#ifdef CONFIG_KERNEL_MCS
    case cap_reply_cap:
        v = (region_view_t){ 1, cap_reply_cap_get_capReplyPtr(c), seL4_ReplyBits };
        break;
    case cap_sched_context_cap:
        v = (region_view_t){ 1, cap_sched_context_cap_get_capSCPtr(c),
                             cap_sched_context_cap_get_capSCSizeBits(c) };
        break;
#endif
    default:
        break;
    }
    return v;
}

/* Pointer-ish identity of a cap for the "same object" comparisons of seL4. */
static REF_UNUSED word_t ident(cap_t c)
{
    switch (cap_get_capType(c)) {
    case cap_endpoint_cap: return cap_endpoint_cap_get_capEPPtr(c);
    case cap_notification_cap: return cap_notification_cap_get_capNtfnPtr(c);
    case cap_thread_cap: return cap_thread_cap_get_capTCBPtr(c);
#ifdef CONFIG_KERNEL_MCS
    case cap_reply_cap: return cap_reply_cap_get_capReplyPtr(c);
#else
    case cap_reply_cap: return cap_reply_cap_get_capTCBPtr(c);
#endif
    case cap_irq_handler_cap: return cap_irq_handler_cap_get_capIRQ(c);
    case cap_page_table_cap: return cap_page_table_cap_get_capPTBasePtr(c);
    case cap_asid_pool_cap: return cap_asid_pool_cap_get_capASIDPool(c);
    default: return 0;
    }
}

static REF_UNUSED int contains(region_view_t a, region_view_t b)
{
    unsigned __int128 aEnd = (unsigned __int128)a.base + ((unsigned __int128)1 << a.bits);
    unsigned __int128 bEnd = (unsigned __int128)b.base + ((unsigned __int128)1 << b.bits);
    return a.base <= b.base && bEnd <= aEnd;
}

static REF_UNUSED int ref_same_region(cap_t a, cap_t b)
{
    word_t ta = cap_get_capType(a), tb = cap_get_capType(b);
    switch (ta) {
    case cap_untyped_cap: {
        region_view_t vb = view(b);
        return vb.physical && contains(view(a), vb);
    }
    case cap_irq_control_cap:
        return tb == cap_irq_control_cap || tb == cap_irq_handler_cap;
    case cap_domain_cap:
    case cap_asid_control_cap:
#ifdef CONFIG_KERNEL_MCS
    case cap_sched_control_cap:
#endif
        return tb == ta;
    case cap_cnode_cap:
        return tb == ta && cap_cnode_cap_get_capCNodePtr(a) == cap_cnode_cap_get_capCNodePtr(b) &&
               cap_cnode_cap_get_capCNodeRadix(a) == cap_cnode_cap_get_capCNodeRadix(b);
#ifdef CONFIG_KERNEL_MCS
    case cap_sched_context_cap:
        return tb == ta && view(a).base == view(b).base && view(a).bits == view(b).bits;
#endif
    case cap_frame_cap:
        return tb == ta && contains(view(a), view(b));
    case cap_endpoint_cap:
    case cap_notification_cap:
    case cap_thread_cap:
    case cap_reply_cap:
    case cap_irq_handler_cap:
    case cap_page_table_cap:
    case cap_asid_pool_cap:
        return tb == ta && ident(a) == ident(b);
    default:
        return 0;       /* null, zombie */
    }
}

static REF_UNUSED int ref_same_object(cap_t a, cap_t b)
{
    word_t ta = cap_get_capType(a), tb = cap_get_capType(b);
    if (ta == cap_untyped_cap) {
        return 0;
    }
    if (ta == cap_irq_control_cap && tb == cap_irq_handler_cap) {
        return 0;
    }
    if (ta == cap_frame_cap && tb == cap_frame_cap) {
        return view(a).base == view(b).base &&
               cap_frame_cap_get_capFSize(a) == cap_frame_cap_get_capFSize(b) &&
               !cap_frame_cap_get_capFIsDevice(a) == !cap_frame_cap_get_capFIsDevice(b);
    }
    return ref_same_region(a, b);
}

static REF_UNUSED int ref_revocable(cap_t derived, cap_t src)
{
    switch (cap_get_capType(derived)) {
    case cap_endpoint_cap:
        return cap_endpoint_cap_get_capEPBadge(derived) != cap_endpoint_cap_get_capEPBadge(src);
    case cap_notification_cap:
        return cap_notification_cap_get_capNtfnBadge(derived) !=
               cap_notification_cap_get_capNtfnBadge(src);
    case cap_irq_handler_cap:
        return cap_get_capType(src) == cap_irq_control_cap;
    case cap_untyped_cap:
        return 1;
    default:
        return 0;
    }
}

static REF_UNUSED int caps_equal(cap_t a, cap_t b)
{
    return a.words[0] == b.words[0] && a.words[1] == b.words[1];
}

