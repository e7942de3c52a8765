#
# Compiler flags for code built against this kernel (seL4's tools/flags.cmake): the
# kernel's configuration decides the ISA and ABI, here recorded in BASE_*_FLAGS, and
# every includer (user-level libraries, the elfloader) appends them to its own CMAKE_*
# flags. No include guard: each directory scope that includes this gets the flags.
#
if(NOT DEFINED BASE_C_FLAGS)
    # included before the kernel was imported: derive them the same way it does
    include(${CMAKE_CURRENT_LIST_DIR}/arch_flags.cmake)
    larch_set_base_flags()
endif()
set(CMAKE_C_FLAGS "${CMAKE_C_FLAGS} ${BASE_C_FLAGS}")
set(CMAKE_CXX_FLAGS "${CMAKE_CXX_FLAGS} ${BASE_CXX_FLAGS}")
set(CMAKE_ASM_FLAGS "${CMAKE_ASM_FLAGS} ${BASE_ASM_FLAGS}")
set(CMAKE_EXE_LINKER_FLAGS "${CMAKE_EXE_LINKER_FLAGS} ${BASE_EXE_LINKER_FLAGS}")
