/* Attribute and helper macros shared by libsel4 and the kernel. */
#pragma once

#define LIBSEL4_UNUSED          __attribute__((unused))
#define LIBSEL4_WEAK            __attribute__((weak))
#define LIBSEL4_NOINLINE        __attribute__((noinline))
#define LIBSEL4_INLINE_FUNC     static inline LIBSEL4_UNUSED
#define LIBSEL4_INLINE          static inline LIBSEL4_UNUSED
#define LIBSEL4_PURE            __attribute__((pure))
#define LIBSEL4_CONST           __attribute__((const))
#define SEL4_PACKED             __attribute__((packed))
#define SEL4_DEPRECATED(x)      __attribute__((deprecated(x)))
#define SEL4_DEPRECATE_MACRO(x) _Pragma("deprecated") x
#define SEL4_OFFSETOF(type, member) __builtin_offsetof(type, member)

/* Keeps enums one word wide, as seL4's ABI expects. */
#define SEL4_FORCE_LONG_ENUM(type) _enum_pad_ ## type = (1ULL << ((sizeof(long) * 8) - 1)) - 1

/* libsel4 is included by C++ too, which spells the assertion differently */
#ifdef __cplusplus
#define SEL4_COMPILE_ASSERT(name, expr) static_assert(expr, #name)
#else
#define SEL4_COMPILE_ASSERT(name, expr) _Static_assert(expr, #name)
#endif
#define seL4_CompileTimeAssert(expr) SEL4_COMPILE_ASSERT(seL4_CompileTimeAssert, expr)
