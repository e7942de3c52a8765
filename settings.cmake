#
# Default configuration of a standalone Larch build (our harness, `make run`, `make test`).
# Read before project(): it picks the toolchain and turns seL4-style shorthands into the
# kernel's option names. Any -DKernel...=... on the command line wins over these defaults.
#
#   cmake -G Ninja -DPLATFORM=spike -DMCS=ON <repo>      (seL4 users' habit)
#   cmake -G Ninja -DKernelPlatform=spike -DKernelIsMCS=ON <repo>
#
include_guard(GLOBAL)

if(NOT CMAKE_TOOLCHAIN_FILE)
    set(CMAKE_TOOLCHAIN_FILE "${CMAKE_CURRENT_LIST_DIR}/gcc.cmake" CACHE FILEPATH "")
endif()
set(PYTHON3 "/usr/bin/python3" CACHE FILEPATH "Python with Debian's python3-libfdt")

# Shorthands as sel4test's init-build.sh accepts them.
if(DEFINED PLATFORM)
    set(KernelPlatform "${PLATFORM}" CACHE STRING "" FORCE)
endif()
if(DEFINED MCS)
    set(KernelIsMCS "${MCS}" CACHE BOOL "" FORCE)
endif()
if(DEFINED RELEASE)
    if(RELEASE)
        set(KernelDebugBuild OFF CACHE BOOL "" FORCE)
        set(KernelPrinting OFF CACHE BOOL "" FORCE)
    else()
        set(KernelDebugBuild ON CACHE BOOL "" FORCE)
        set(KernelPrinting ON CACHE BOOL "" FORCE)
    endif()
endif()
if(DEFINED FASTPATH)
    set(KernelFastpath "${FASTPATH}" CACHE BOOL "" FORCE)
endif()

# Defaults of a Larch development build.
set(KernelPlatform "qemu-riscv-virt" CACHE STRING "Target platform")
set(KernelSel4Arch "riscv64" CACHE STRING "Architecture mode")
set(KernelIsMCS OFF CACHE BOOL "Mixed-criticality scheduling API")
set(KernelDebugBuild ON CACHE BOOL "Debug build")
set(KernelPrinting ON CACHE BOOL "Kernel printing")
set(KernelVerificationBuild OFF CACHE BOOL "Verification build")
set(KernelFastpath ON CACHE BOOL "IPC fastpath")
# sel4test runs with a 2^13-slot root CNode; so does our harness.
set(KernelRootCNodeSizeBits 13 CACHE STRING "log2 slots of the root CNode")
set(KernelNumDomains 1 CACHE STRING "Scheduling domains")
set(KernelMaxNumWorkUnitsPerPreemption 100 CACHE STRING "Work units per preemption point")
set(KernelResetChunkBits 8 CACHE STRING "log2 bytes cleared per reset step")
set(KernelTimerTickMS 2 CACHE STRING "Timer tick (ms)")
set(KernelTimeSlice 5 CACHE STRING "Ticks per time slice")
set(KernelBenchmarks "none" CACHE STRING "Benchmark support")
set(KernelRiscvExtF ON CACHE BOOL "F extension")
set(KernelRiscvExtD ON CACHE BOOL "D extension")
