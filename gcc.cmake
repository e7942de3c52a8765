#
# Cross toolchain for Larch: Debian's riscv64-unknown-elf GCC. Used as CMAKE_TOOLCHAIN_FILE
# by our own build; seL4 projects that configure their own toolchain never read this.
#
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR riscv64)

if(NOT DEFINED CROSS_COMPILER_PREFIX)
    set(CROSS_COMPILER_PREFIX "riscv64-unknown-elf-" CACHE STRING "Cross compiler prefix")
endif()

set(CMAKE_C_COMPILER ${CROSS_COMPILER_PREFIX}gcc)
set(CMAKE_ASM_COMPILER ${CROSS_COMPILER_PREFIX}gcc)
set(CMAKE_CXX_COMPILER ${CROSS_COMPILER_PREFIX}g++)
set(CMAKE_OBJCOPY ${CROSS_COMPILER_PREFIX}objcopy CACHE FILEPATH "")
set(CMAKE_OBJDUMP ${CROSS_COMPILER_PREFIX}objdump CACHE FILEPATH "")
set(CMAKE_NM ${CROSS_COMPILER_PREFIX}nm CACHE FILEPATH "")

# Nothing here links a hosted C library; test compiles must not try to.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
