#
# What a seL4 project's settings.cmake reads (through sel4_configure_platform_settings)
# before its project(): the platform and architecture options, and the toolchain.
#
include_guard(GLOBAL)
get_filename_component(LARCH_KERNEL_ROOT "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)
include(${LARCH_KERNEL_ROOT}/tools/helpers.cmake)

set(configure_string "")
include(${LARCH_KERNEL_ROOT}/config/platforms.cmake)

# The cross toolchain, unless the project chose one.
if(NOT CMAKE_TOOLCHAIN_FILE)
    configure_file(${LARCH_KERNEL_ROOT}/gcc.cmake ${CMAKE_BINARY_DIR}/gcc.cmake COPYONLY)
    set(CMAKE_TOOLCHAIN_FILE "${CMAKE_BINARY_DIR}/gcc.cmake" CACHE PATH "")
endif()
