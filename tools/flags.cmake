#
# Compiler flags for code built against this kernel (seL4's tools/flags.cmake): the
# kernel's configuration decides the ISA and ABI, here recorded in BASE_*_FLAGS, and
# every includer (user-level libraries, the elfloader) appends them to its own CMAKE_*
# flags. No include guard: each directory scope that includes this gets the flags.
#
if(NOT DEFINED BASE_C_FLAGS)
    if(KernelRiscvExtD OR NOT DEFINED KernelRiscvExtD)
        set(_larch_arch "-D__KERNEL_64__ -march=rv64imafdc_zicsr_zifencei -mabi=lp64d")
    elseif(KernelRiscvExtF)
        set(_larch_arch "-D__KERNEL_64__ -march=rv64imafc_zicsr_zifencei -mabi=lp64f")
    else()
        set(_larch_arch "-D__KERNEL_64__ -march=rv64imac_zicsr_zifencei -mabi=lp64")
    endif()
    set(BASE_ASM_FLAGS "${_larch_arch}" CACHE INTERNAL "ISA/ABI flags for assembly")
    set(BASE_C_FLAGS "${_larch_arch}" CACHE INTERNAL "ISA/ABI flags for C")
    set(BASE_CXX_FLAGS "${_larch_arch}" CACHE INTERNAL "ISA/ABI flags for C++")
    set(BASE_EXE_LINKER_FLAGS "${_larch_arch}" CACHE INTERNAL "ISA/ABI flags for linking")
endif()
set(CMAKE_C_FLAGS "${CMAKE_C_FLAGS} ${BASE_C_FLAGS}")
set(CMAKE_CXX_FLAGS "${CMAKE_CXX_FLAGS} ${BASE_CXX_FLAGS}")
set(CMAKE_ASM_FLAGS "${CMAKE_ASM_FLAGS} ${BASE_ASM_FLAGS}")
set(CMAKE_EXE_LINKER_FLAGS "${CMAKE_EXE_LINKER_FLAGS} ${BASE_EXE_LINKER_FLAGS}")
