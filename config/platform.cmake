#
# The selected board: its defaults (config/<plat>/config.cmake) and the files generated
# from its device tree. The DTB is compiled at configure time (seL4 projects expect
# KernelDTBPath then); headers and the linker script are generated at build time.
#
include_guard(GLOBAL)

set(LARCH_PLAT_DIR ${CMAKE_CURRENT_LIST_DIR}/${KernelPlatform})
if(NOT EXISTS ${LARCH_PLAT_DIR}/config.cmake)
    message(FATAL_ERROR "Unknown platform '${KernelPlatform}'")
endif()
include(${LARCH_PLAT_DIR}/config.cmake)
# visible to the whole project, not just the kernel's directory
foreach(var LARCH_QEMU_MACHINE LARCH_QEMU_MEMORY LARCH_LOADER_PADDR LARCH_PLAT_MAX_IRQ)
    set(${var} "${${var}}" CACHE INTERNAL "")
endforeach()

# seL4_tools' simulate script runs QEMU virt with -m ${QEMU_MEMORY}; our device tree
# describes one memory size, so the two must agree.
if(KernelPlatformQEMURiscVVirt)
    if(DEFINED QEMU_MEMORY AND NOT "${QEMU_MEMORY}" STREQUAL "${LARCH_QEMU_MEMORY}")
        message(FATAL_ERROR "QEMU_MEMORY=${QEMU_MEMORY}: Larch's qemu-riscv-virt device tree "
                            "describes ${LARCH_QEMU_MEMORY} MiB; use that")
    endif()
    set(QEMU_MEMORY "${LARCH_QEMU_MEMORY}" CACHE INTERNAL "")
endif()

# generated board files live in the kernel's build directory
set(LARCH_GEN_HEADERS_DIR ${CMAKE_CURRENT_BINARY_DIR}/gen_headers CACHE INTERNAL "")

find_program(DTC_TOOL dtc REQUIRED)
# seL4's elfloader finds the DTB in its archive by the file name "kernel.dtb"
set(LARCH_DTB ${CMAKE_CURRENT_BINARY_DIR}/kernel.dtb)
file(MAKE_DIRECTORY ${LARCH_GEN_HEADERS_DIR}/plat/machine ${LARCH_GEN_HEADERS_DIR}/arch)
file(READ ${LARCH_PLAT_DTS} _dts)
file(READ ${LARCH_PLAT_OVERLAY} _overlay)
file(WRITE ${LARCH_GEN_HEADERS_DIR}/plat/${KernelPlatform}.dts "${_dts}\n${_overlay}")
execute_process(
    COMMAND ${DTC_TOOL} -q -I dts -O dtb -o ${LARCH_DTB}
            ${LARCH_GEN_HEADERS_DIR}/plat/${KernelPlatform}.dts
    RESULT_VARIABLE _dtc_result)
if(NOT _dtc_result EQUAL 0)
    message(FATAL_ERROR "dtc failed on ${LARCH_PLAT_DTS}")
endif()
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${LARCH_PLAT_DTS} ${LARCH_PLAT_OVERLAY})
set(KernelDTBPath ${LARCH_DTB} CACHE INTERNAL "")

set(LARCH_PLATFORM_HEADER ${LARCH_GEN_HEADERS_DIR}/plat/machine/platform_gen.h)
set(LARCH_KERNEL_OFFSET_HEADER ${LARCH_GEN_HEADERS_DIR}/arch/kernel_offset.h)
set(LARCH_LINKER_SCRIPT ${LARCH_GEN_HEADERS_DIR}/linker.lds)
set(platform_yaml ${LARCH_GEN_HEADERS_DIR}/plat/machine/platform_gen.yaml CACHE INTERNAL "")
set(platform_json ${LARCH_GEN_HEADERS_DIR}/plat/machine/platform_gen.json CACHE INTERNAL "")

# Header, YAML/JSON summary and linker script, from the DTB.
function(larch_platform_gen)
    add_custom_command(
        OUTPUT ${LARCH_PLATFORM_HEADER} ${platform_yaml} ${platform_json}
        COMMAND ${PYTHON3} ${LARCH_SOURCE_DIR}/tools/gen_platform.py ${LARCH_DTB}
                --plat ${KernelPlatform} --max-irq ${LARCH_PLAT_MAX_IRQ}
                --header ${LARCH_PLATFORM_HEADER} --yaml ${platform_yaml} --json ${platform_json}
        DEPENDS ${LARCH_DTB} ${LARCH_SOURCE_DIR}/tools/gen_platform.py
                ${LARCH_SOURCE_DIR}/tools/larch_fdt.py
        VERBATIM)
    add_custom_command(
        OUTPUT ${LARCH_LINKER_SCRIPT} ${LARCH_KERNEL_OFFSET_HEADER}
        COMMAND ${PYTHON3} ${LARCH_SOURCE_DIR}/linker/gen_linker.py --dtb ${LARCH_DTB}
                --plat ${KernelPlatform} --pptr-base ${LARCH_PPTR_BASE}
                --pptr-top ${LARCH_PPTR_TOP} --kdev-base ${LARCH_KDEV_BASE}
                --lds ${LARCH_LINKER_SCRIPT} --header ${LARCH_KERNEL_OFFSET_HEADER}
        DEPENDS ${LARCH_DTB} ${LARCH_SOURCE_DIR}/linker/gen_linker.py
                ${LARCH_SOURCE_DIR}/tools/larch_fdt.py
        VERBATIM)
    add_custom_target(larch_platform_gen DEPENDS ${LARCH_PLATFORM_HEADER}
        ${LARCH_LINKER_SCRIPT} ${LARCH_KERNEL_OFFSET_HEADER})
endfunction()
