/*
 * Boot-time state and helpers: free-memory accounting, the root server's objects,
 * and building the root task's CSpace and bootinfo. All of it is .boot code/data.
 */
#pragma once

#include <object/structures.h>

#define MAX_NUM_FREEMEM_REG     16
#define MAX_NUM_RESV_REG        16

typedef struct ndks_boot {
    p_region_t reserved[MAX_NUM_RESV_REG];  /* sorted, merged, never handed out as RAM */
    word_t resv_count;
    region_t freemem[MAX_NUM_FREEMEM_REG];  /* kernel-window regions still free */
    seL4_BootInfo *bi_frame;
    seL4_SlotPos slot_pos_cur;
} ndks_boot_t;

extern ndks_boot_t ndks_boot;

/* The root server's objects, carved out of free memory in one piece. */
typedef struct rootserver_mem {
    pptr_t cnode;
    pptr_t vspace;
    pptr_t asid_pool;
    pptr_t ipc_buf;
    pptr_t boot_info;
    pptr_t extra_bi;
    pptr_t tcb;
#ifdef CONFIG_KERNEL_MCS
    pptr_t sc;
#endif
    region_t paging;
} rootserver_mem_t;

extern rootserver_mem_t rootserver;

static inline p_region_t pptr_to_paddr_reg(region_t r)
{
    return (p_region_t){ addrFromPPtr(r.start), addrFromPPtr(r.end) };
}

static inline region_t paddr_to_pptr_reg(p_region_t r)
{
    return (region_t){ ptrFromPAddr_w(r.start), ptrFromPAddr_w(r.end) };
}

bool_t reserve_region(p_region_t reg);
bool_t init_freemem(word_t n_available, const p_region_t *available, v_region_t it_v_reg,
                    word_t extra_bi_size_bits);
word_t calculate_extra_bi_size_bits(word_t extra_size);
void write_slot(cte_t *slot, cap_t cap);
bool_t provide_cap(cap_t root_cnode_cap, cap_t cap);
cap_t create_root_cnode(void);
void create_domain_cap(cap_t root_cnode_cap);
void populate_bi_frame(word_t node_id, word_t num_nodes, vptr_t ipcbuf_vptr,
                       word_t extra_bi_size);
pptr_t it_alloc_paging(void);
bool_t create_idle_thread(void);
tcb_t *create_initial_thread(cap_t root_cnode_cap, cap_t it_pd_cap, vptr_t ui_v_entry,
                             vptr_t bi_frame_vptr, vptr_t ipcbuf_vptr, cap_t ipcbuf_cap);
void init_core_state(tcb_t *scheduler_action);
bool_t create_untypeds(cap_t root_cnode_cap, p_region_t boot_mem_reuse_reg,
                       const p_region_t *avail, word_t n_avail);
void bi_finalise(void);
cap_t create_ipcbuf_frame_cap(cap_t root_cnode_cap, cap_t pd_cap, vptr_t vptr);
void create_bi_frame_cap(cap_t root_cnode_cap, cap_t pd_cap, vptr_t vptr);
bool_t create_frames_of_region(cap_t root_cnode_cap, cap_t pd_cap, region_t reg,
                               bool_t do_map, sword_t pv_offset, seL4_SlotRegion *out);

/* arch hooks (arch/riscv/boot_vspace.c) */
word_t arch_get_n_paging(v_region_t it_v_reg);
cap_t create_it_address_space(cap_t root_cnode_cap, v_region_t it_v_reg);
cap_t create_unmapped_it_frame_cap(pptr_t pptr);
cap_t create_mapped_it_frame_cap(cap_t pd_cap, pptr_t pptr, vptr_t vptr, asid_t asid);
void write_it_asid_pool(cap_t it_ap_cap, cap_t it_lvl1pt_cap);
cap_t create_it_asid_pool(cap_t root_cnode_cap);
