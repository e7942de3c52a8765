#
# A seL4-style project's settings, as sel4test's are: find the kernel through
# FindseL4.cmake and let it configure the platform and toolchain before project().
#
cmake_minimum_required(VERSION 3.16)
list(APPEND CMAKE_MODULE_PATH ${LARCH_KERNEL_DIR})
set(PLATFORM "qemu-riscv-virt" CACHE STRING "Platform")
set(KernelPlatform ${PLATFORM} CACHE STRING "" FORCE)
find_package(seL4 REQUIRED)
sel4_configure_platform_settings()
if(NOT "${KernelPlatform}" IN_LIST KernelPlatform_all_strings)
    message(FATAL_ERROR "unknown platform ${KernelPlatform}")
endif()
set(KernelDebugBuild ON CACHE BOOL "" FORCE)
set(KernelPrinting ON CACHE BOOL "" FORCE)
