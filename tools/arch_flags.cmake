#
# larch_user_arch_flags(<out>): the -march/-mabi list user-level code is built with, from
# the kernel's FPU options (D and F on unless configured off, as their defaults are).
# Shared by the kernel's CMakeLists.txt and tools/flags.cmake.
#
include_guard(GLOBAL)
macro(larch_user_arch_flags out)
    if(KernelRiscvExtD OR NOT DEFINED KernelRiscvExtD)
        set(${out} -march=rv64imafdc_zicsr_zifencei -mabi=lp64d)
    elseif(KernelRiscvExtF)
        set(${out} -march=rv64imafc_zicsr_zifencei -mabi=lp64f)
    else()
        set(${out} -march=rv64imac_zicsr_zifencei -mabi=lp64)
    endif()
endmacro()

# The BASE_*_FLAGS seL4's tools/flags.cmake hands to every user-level build of a seL4
# project: the ISA/ABI above, and __KERNEL_64__, which tells seL4's tools (the
# elfloader) the kernel's word size.
macro(larch_set_base_flags)
    larch_user_arch_flags(_larch_arch)
    string(REPLACE ";" " " _larch_arch "-D__KERNEL_64__;${_larch_arch}")
    set(BASE_ASM_FLAGS "${_larch_arch}" CACHE INTERNAL "ISA/ABI flags for assembly")
    set(BASE_C_FLAGS "${_larch_arch}" CACHE INTERNAL "ISA/ABI flags for C")
    set(BASE_CXX_FLAGS "${_larch_arch}" CACHE INTERNAL "ISA/ABI flags for C++")
    set(BASE_EXE_LINKER_FLAGS "${_larch_arch}" CACHE INTERNAL "ISA/ABI flags for linking")
endmacro()
