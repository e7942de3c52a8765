/*
 * Just enough of a flattened-device-tree reader to find the /memory nodes' regions,
 * so boot tests can compare the untyped list with the board.
 */
#include <harness.h>

#define FDT_MAGIC       0xd00dfeedu
#define FDT_BEGIN_NODE  1
#define FDT_END_NODE    2
#define FDT_PROP        3
#define FDT_NOP         4
#define FDT_END         9

static uint32_t be32(const void *p)
{
    const uint8_t *b = p;
    return ((uint32_t)b[0] << 24) | ((uint32_t)b[1] << 16) | ((uint32_t)b[2] << 8) | b[3];
}

static uint64_t be64(const void *p)
{
    return ((uint64_t)be32(p) << 32) | be32((const uint8_t *)p + 4);
}

/* Assumes #address-cells = #size-cells = 2 under the root, as on both QEMU boards. */
bool fdt_memory_regions(const void *fdt, uint64_t *base, uint64_t *size, int max, int *count)
{
    const uint8_t *h = fdt;
    if (be32(h) != FDT_MAGIC) {
        return false;
    }
    const uint8_t *structs = h + be32(h + 8);
    const char *strings = (const char *)h + be32(h + 12);
    int depth = 0, in_memory = -1;
    *count = 0;
    for (const uint8_t *p = structs;;) {
        uint32_t token = be32(p);
        p += 4;
        switch (token) {
        case FDT_BEGIN_NODE: {
            const char *name = (const char *)p;
            depth++;
            if (depth == 2 && memcmp(name, "memory", 6) == 0 && (name[6] == '@' || !name[6])) {
                in_memory = depth;
            }
            p += (strlen(name) + 4) & ~3ul;
            break;
        }
        case FDT_END_NODE:
            if (in_memory == depth) {
                in_memory = -1;
            }
            depth--;
            break;
        case FDT_PROP: {
            uint32_t len = be32(p);
            const char *pname = strings + be32(p + 4);
            const uint8_t *val = p + 8;
            if (in_memory == depth && strcmp(pname, "reg") == 0) {
                for (uint32_t off = 0; off + 16 <= len && *count < max; off += 16) {
                    base[*count] = be64(val + off);
                    size[*count] = be64(val + off + 8);
                    (*count)++;
                }
            }
            p += 8 + ((len + 3) & ~3u);
            break;
        }
        case FDT_NOP:
            break;
        case FDT_END:
            return true;
        default:
            return false;
        }
    }
}
