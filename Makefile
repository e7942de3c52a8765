# Larch quick start (see README.md):
#   make run    install what is missing, build, boot the test harness on qemu-riscv-virt
#   make test   the whole test matrix (both platforms, non-MCS and MCS, host tests) via ctest
#   make bench  benchmarks (instruction counts under QEMU -icount)

BUILD    ?= build
PLATFORM ?= qemu-riscv-virt
JOBS     ?= $(shell nproc)
DEPS     := gcc-riscv64-unknown-elf qemu-system-misc opensbi device-tree-compiler \
            libfdt-dev python3-libfdt cmake ninja-build gcc libasan8 libubsan1
SUDO     := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all run test bench deps clean

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

bench: deps
	cmake -G Ninja -S bench -B $(BUILD)/bench
	cmake --build $(BUILD)/bench
	cd $(BUILD)/bench && ctest --output-on-failure
	@for log in $(BUILD)/bench/*/larch-bench-*.log; do \
		echo "== $$log"; grep -h "^BENCH" $$log; done

clean:
	rm -rf $(BUILD)
