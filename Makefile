# Larch quick start (see README.md):
#   make run    install what is missing, build, boot the test harness on qemu-riscv-virt
#   make test   the whole test matrix (both platforms, non-MCS and MCS, host tests) via ctest
#   make check  static analysis of the kernel (part of make test)
#   make prove  Frama-C/WP proofs: bitfield accessors, MDB link operations (docs/ASSURANCE.md)
#   make bench  sel4bench-style IPC benchmarks under QEMU -icount (docs/PERFORMANCE.md)
#   make fuzz   long fuzz campaigns: make fuzz SEEDS="1 2 3" ITER=100000 (docs/TESTING.md)

BUILD    ?= build
PLATFORM ?= qemu-riscv-virt
JOBS     ?= $(shell nproc)
DEPS     := gcc-riscv64-unknown-elf qemu-system-misc opensbi device-tree-compiler \
            libfdt-dev python3-libfdt cmake ninja-build gcc libasan8 libubsan1 \
            cppcheck clang-tidy
SUDO     := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all run test check prove prove-deps bench fuzz deps clean

all: run

# Install only the Debian packages that are not there yet.
deps:
	@missing=$$(for p in $(DEPS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing:" $$missing; \
		$(SUDO) apt-get update && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends $$missing; \
	fi

run: deps
	cmake -G Ninja -S . -B $(BUILD)/$(PLATFORM) -DPLATFORM=$(PLATFORM)
	cmake --build $(BUILD)/$(PLATFORM)
	$(BUILD)/$(PLATFORM)/simulate

test: deps
	cmake -G Ninja -S tests -B $(BUILD)/tests
	cmake --build $(BUILD)/tests
	cd $(BUILD)/tests && ctest --output-on-failure -j $(JOBS)

# Static analysis of the kernel alone (make test runs it too): GCC's -fanalyzer,
# clang-tidy and cppcheck over every kernel source, non-MCS and MCS (docs/ASSURANCE.md).
check: deps
	cmake -G Ninja -S tests -B $(BUILD)/tests
	cmake --build $(BUILD)/tests --target build-check-nonmcs build-check-mcs
	cd $(BUILD)/tests && ctest --output-on-failure -j $(JOBS) -R '^static-'

# Machine-checked proofs (docs/ASSURANCE.md): Frama-C's WP with z3 on the generated
# bitfield accessors (contracts generated with them) and the MDB link operations, for
# the debug qemu-riscv-virt non-MCS configuration. Prints goals proved / total; fails
# if any goal is not proved. Not part of make test (it takes several minutes).
PROVE_DEPS := frama-c-base why3 z3

prove-deps:
	@missing=$$(for p in $(PROVE_DEPS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing:" $$missing; \
		$(SUDO) apt-get update && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends $$missing; \
	fi

prove: deps prove-deps
	cmake -G Ninja -S . -B $(BUILD)/prove -DPLATFORM=qemu-riscv-virt -DMCS=OFF \
		-DCMAKE_EXPORT_COMPILE_COMMANDS=ON
	cmake --build $(BUILD)/prove --target larch_platform_gen kernel_bf_gen sel4_generated
	/usr/bin/python3 tools/prove.py --build $(BUILD)/prove --jobs $(JOBS)

# BENCH_OPENSBI: the firmware the benchmark runs boot with (docs/PERFORMANCE.md).
BENCH_OPENSBI ?= /usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.elf

bench: deps
	cmake -G Ninja -S bench -B $(BUILD)/bench -DBENCH_JOBS=$(JOBS) -DBENCH_OPENSBI=$(BENCH_OPENSBI)
	cmake --build $(BUILD)/bench -j 1
	rm -f $(BUILD)/bench/*/larch-bench-*.log
	cd $(BUILD)/bench && ctest --output-on-failure
	/usr/bin/python3 bench/report.py $(BUILD)/bench

# Long fuzz campaigns (FUZZ0003 and the other FUZZ tests) on debug kernels, both
# platforms, one run per seed under -icount (so a failing seed replays exactly).
# FUZZ_CMAKE_ARGS adds configuration (its own build directory), e.g.
# FUZZ_CMAKE_ARGS=-DLarchCheckInvariants=ON.
SEEDS          ?= 1 2 3
ITER           ?= 100000
FUZZ_PLATFORMS ?= qemu-riscv-virt spike
FUZZ_CMAKE_ARGS ?=

fuzz: deps
	@fail=0; for plat in $(FUZZ_PLATFORMS); do for seed in $(SEEDS); do \
		args="$(FUZZ_CMAKE_ARGS)"; dir=$(BUILD)/fuzz/$$plat$${args:+-$$(echo $$args | tr -c 'A-Za-z0-9=' _)}; \
		cmake -G Ninja -S . -B $$dir -DPLATFORM=$$plat -DLARCH_TEST_ONLY=FUZZ \
			-DLARCH_FUZZ_SEED=$$seed -DLARCH_FUZZ_ITER=$(ITER) -DLARCH_FUZZ_MCS=ON -DLARCH_QEMU_ICOUNT=ON \
			-DLARCH_QEMU_TIMEOUT=$$((300 + $(ITER) / 100)) $(FUZZ_CMAKE_ARGS) >/dev/null && \
		cmake --build $$dir >$$dir/fuzz-build.log 2>&1 || { tail -20 $$dir/fuzz-build.log; exit 1; }; \
		if $$dir/simulate --quiet >/dev/null; then r=PASS; else r=FAIL; fail=1; fi; \
		cp $$dir/simulate.log $$dir/fuzz-seed$$seed.log; \
		echo "$$plat seed $$seed: $$r ($$dir/fuzz-seed$$seed.log)"; \
		grep -h "fuzz campaign: seed" $$dir/simulate.log | tail -1; \
	done; done; exit $$fail

clean:
	rm -rf $(BUILD)
