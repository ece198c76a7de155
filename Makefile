# tinhso — the two commands: `make demo` and `make check`. Both install what is missing first.
BUILD ?= build
# The sanitizer build: tinhso, unit tests and libFuzzer targets with ASan + UBSan (clang-16).
SAN_BUILD ?= build-san
JOBS ?= $(shell nproc)
DEMO_DB ?= sqlite:var/demo.db
LISTEN ?= 127.0.0.1:8080
# No mail relay on a demo machine: e-mails (e.g. registration links) are printed to the log.
DEMO_SMTP ?= log

.PHONY: all build san san-check demo check sanitize lint unit http e2e fuzz fuzz-smoke security bench clean

all: build

# Configure once; later runs only rebuild what changed.
$(BUILD)/build.ninja:
	@scripts/install-deps build
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: $(BUILD)/build.ninja
	@cmake --build $(BUILD) -j $(JOBS)

$(SAN_BUILD)/build.ninja:
	@scripts/install-deps build fuzz
	CC=clang-16 CXX=clang++-16 cmake -S . -B $(SAN_BUILD) -G Ninja -DTINHSO_SANITIZE=ON

san: $(SAN_BUILD)/build.ninja
	@cmake --build $(SAN_BUILD) -j $(JOBS)

# What `make check` runs on the sanitizer build: the server, the generator the HTTP suite uses and
# the libFuzzer targets (the sanitizer unit tests are `make sanitize`'s).
san-check: $(SAN_BUILD)/build.ninja
	@cmake --build $(SAN_BUILD) -j $(JOBS) --target tinhso dossiers_gen fuzz_targets

demo:
	@scripts/install-deps build
	@$(MAKE) --no-print-directory build
	$(BUILD)/tinhso demo --db $(DEMO_DB) --listen $(LISTEN) --smtp $(DEMO_SMTP) --public-url http://$(LISTEN)

# Two builds: the release one (build/) and the sanitizer one (build-san/); tests/run-all uses both
# (its default stages: unit, http-sqlite, http-postgresql, e2e, tidy of the files changed since
# tests/tidy/baseline, deploy, cluster: tests/cluster/run; then http-asan and fuzz).
# The sanitizer build runs at the lowest priority beside the release build's stages (tests/run-all's
# SAN_BUILD_CMD), which leave much of the 2 cores idle while they wait on sockets and fsync; the
# stages that need it wait for it.
check:
	@scripts/install-deps build test fuzz lint deploy
	@$(MAKE) --no-print-directory build $(SAN_BUILD)/build.ninja
	@SAN_BUILD_CMD="nice -n 19 $(MAKE) --no-print-directory san-check" bash tests/run-all

# Everything of the sanitizer build: its unit tests, the HTTP suite and the fuzz targets.
sanitize:
	@scripts/install-deps build test fuzz
	@$(MAKE) --no-print-directory san
	@STAGES="unit-asan http-asan fuzz" bash tests/run-all

# clang-tidy-16 over src/ with .clang-tidy: zero findings (≈ 10 min on 2 cores).
lint:
	@scripts/install-deps build lint
	@$(MAKE) --no-print-directory build
	@bash tests/tidy/run

unit: build
	bash tests/unit/run $(BUILD)

http: build
	bash tests/http/run

e2e: build
	bash tests/e2e/run

fuzz:
	@scripts/install-deps fuzz
	FUZZ_SECONDS=$${FUZZ_SECONDS:-300} bash tests/fuzz/run
	for round in $$(seq $${ROUTE_FUZZ_ROUNDS:-12}); do ROUTE_FUZZ_SECONDS=75 bash tests/http/run route-fuzz.test.mjs || exit 1; done

fuzz-smoke:
	FUZZ_SECONDS=$${FUZZ_SECONDS:-10} bash tests/fuzz/run

# sqlmap and wapiti against the demo (tests/security/run; results in build/security/summary.md).
security: build
	@scripts/install-deps security test deploy
	@bash tests/security/run

bench:
	@scripts/install-deps build bench
	@$(MAKE) --no-print-directory build
	bench/http.sh
	bench/slow_clients.sh
	$(BUILD)/calendar_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
	$(BUILD)/document_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
	$(BUILD)/templates_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
	bench/dossiers.sh
	bench/ratios.sh
	DB=postgresql bench/ratios.sh

clean:
	rm -rf $(BUILD) $(SAN_BUILD) build-fuzz
