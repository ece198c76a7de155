# tinhso — the two commands: `make demo` and `make check`. Both install what is missing first.
BUILD ?= build
JOBS ?= $(shell nproc)
DEMO_DB ?= sqlite:var/demo.db
LISTEN ?= 127.0.0.1:8080

.PHONY: all deps build demo check test unit http e2e fuzz fuzz-smoke bench clean

all: build

deps:
	@scripts/install-deps

# Configure once; later runs only rebuild what changed.
$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: $(BUILD)/build.ninja
	@cmake --build $(BUILD) -j $(JOBS)

demo: deps build
	$(BUILD)/tinhso demo --db $(DEMO_DB) --listen $(LISTEN)

check: deps build
	@tests/run-all

unit: build
	cd $(BUILD) && ctest --output-on-failure

http: build
	tests/http/run

e2e: build
	tests/e2e/run

fuzz: deps
	FUZZ_SECONDS=$${FUZZ_SECONDS:-300} tests/fuzz/run

fuzz-smoke:
	FUZZ_SECONDS=$${FUZZ_SECONDS:-10} tests/fuzz/run

bench: deps build
	bench/http.sh
	bench/slow_clients.sh

clean:
	rm -rf $(BUILD) build-fuzz
