/*
 * The images the loader carries: the kernel, the root task and the board's device
 * tree. Paths come from the build (LOADER_KERNEL, LOADER_ROOTSERVER, LOADER_DTB).
 */
#define STR(x) #x
#define XSTR(x) STR(x)

    .section .rodata.payload, "a"
    .balign 8
    .global kernel_image_start, kernel_image_end
kernel_image_start:
    .incbin XSTR(LOADER_KERNEL)
kernel_image_end:

    .balign 8
    .global rootserver_image_start, rootserver_image_end
rootserver_image_start:
    .incbin XSTR(LOADER_ROOTSERVER)
rootserver_image_end:

    .balign 8
    .global dtb_image_start, dtb_image_end
dtb_image_start:
#ifdef LOADER_DTB
    .incbin XSTR(LOADER_DTB)
#endif
dtb_image_end:
