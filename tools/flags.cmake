#
# Compiler flags for user-level code built against this kernel (seL4's flags.cmake):
# the ISA and ABI follow the kernel's FPU configuration.
#
include_guard(GLOBAL)
if(KernelRiscvExtD OR NOT DEFINED KernelRiscvExtD)
    set(_arch "-march=rv64imafdc_zicsr_zifencei -mabi=lp64d")
elseif(KernelRiscvExtF)
    set(_arch "-march=rv64imafc_zicsr_zifencei -mabi=lp64f")
else()
    set(_arch "-march=rv64imac_zicsr_zifencei -mabi=lp64")
endif()
set(BASE_ASM_FLAGS "${_arch}" CACHE INTERNAL "")
set(BASE_C_FLAGS "${_arch} -mcmodel=medany" CACHE INTERNAL "")
set(BASE_CXX_FLAGS "${_arch} -mcmodel=medany" CACHE INTERNAL "")
set(BASE_EXE_LINKER_FLAGS "${_arch}" CACHE INTERNAL "")
