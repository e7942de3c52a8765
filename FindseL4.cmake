#
# find_package(seL4) for seL4 projects that use Larch as their kernel/ directory.
# Provides the variables and macros seL4's own FindseL4.cmake provides.
#
set(KERNEL_PATH "${CMAKE_CURRENT_LIST_DIR}" CACHE STRING "")
set(KERNEL_HELPERS_PATH "${CMAKE_CURRENT_LIST_DIR}/tools/helpers.cmake" CACHE STRING "")
set(KERNEL_CONFIG_PATH "${CMAKE_CURRENT_LIST_DIR}/configs/seL4Config.cmake" CACHE STRING "")
set(KERNEL_FLAGS_PATH "${CMAKE_CURRENT_LIST_DIR}/tools/flags.cmake" CACHE STRING "")
# the device-description generator the elfloader runs (next to it: hardware.yml, _schema.yml)
set(HARDWARE_GEN_PATH "${CMAKE_CURRENT_LIST_DIR}/tools/hardware_gen.py" CACHE STRING "")
mark_as_advanced(FORCE KERNEL_PATH KERNEL_HELPERS_PATH KERNEL_CONFIG_PATH KERNEL_FLAGS_PATH
                 HARDWARE_GEN_PATH)

# The kernel, built in <build>/kernel (target kernel.elf).
macro(sel4_import_kernel)
    add_subdirectory(${KERNEL_PATH} ${CMAKE_BINARY_DIR}/kernel)
endmacro()

# libsel4, built in <build>/libsel4 (targets sel4, sel4_autoconf, sel4_Config).
macro(sel4_import_libsel4)
    add_subdirectory(${KERNEL_PATH}/libsel4 ${CMAKE_BINARY_DIR}/libsel4)
endmacro()

# Platform and architecture options and the toolchain, before the project() call.
macro(sel4_configure_platform_settings)
    include(${KERNEL_CONFIG_PATH})
endmacro()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(seL4 DEFAULT_MSG KERNEL_PATH KERNEL_HELPERS_PATH
                                  KERNEL_CONFIG_PATH)
