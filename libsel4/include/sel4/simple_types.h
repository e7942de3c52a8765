/* Fixed-width types of the seL4 ABI (LP64 on riscv64). */
#pragma once

typedef signed char seL4_Int8;
typedef unsigned char seL4_Uint8;
typedef signed short seL4_Int16;
typedef unsigned short seL4_Uint16;
typedef signed int seL4_Int32;
typedef unsigned int seL4_Uint32;
typedef signed long seL4_Int64;
typedef unsigned long seL4_Uint64;

typedef seL4_Int8 seL4_Bool;

#define seL4_True   1
#define seL4_False  0
#define seL4_Null   ((void *)0)

typedef seL4_Uint64 seL4_Word;
typedef seL4_Int64 seL4_SWord;
typedef seL4_Word seL4_CPtr;
typedef seL4_Word seL4_NodeId;
typedef seL4_Word seL4_PAddr;
typedef seL4_Word seL4_Domain;
typedef seL4_Uint64 seL4_Time;

#define SEL4_WORD_IS_UINT64
#define _seL4_word_fmt l
/* printf conversions for seL4_Word, e.g. printf("%" SEL4_PRIx_word, w) */
#define SEL4_PRId_word "ld"
#define SEL4_PRIi_word "li"
#define SEL4_PRIu_word "lu"
#define SEL4_PRIx_word "lx"
#define SEL4_PRIX_word "lX"
#define SEL4_PRIo_word "lo"
#define seL4_WordBits       64
#define seL4_WordSizeBits   3
#define seL4_UserTop        0x0000003ffffff000ul
#define seL4_UserVSpaceTop  (seL4_UserTop - 1)
