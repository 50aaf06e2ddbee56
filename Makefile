# Briefing: build the SSR1 briefing site and test the tool.
# Quick start on a fresh Debian machine (as root): `make site`, then `make test`.

SWIFT      ?= swift
BUILD_DIR  ?= .build
CONFIG     ?= debug
BIN         = $(BUILD_DIR)/$(CONFIG)/briefing
APT_GET     = DEBIAN_FRONTEND=noninteractive apt-get
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all site check test deps clean

all: site

# Debian packages the build needs, installed only when missing.
deps:
	@if ! pkg-config --exists libcmark 2>/dev/null || ! command -v pkg-config >/dev/null; then \
	  if [ "$$(id -u)" != 0 ] && ! command -v sudo >/dev/null; then \
	    echo "libcmark is missing: run 'apt-get install -y libcmark-dev pkg-config' as root" >&2; exit 1; fi; \
	  echo "installing libcmark-dev (the CommonMark reference library)"; \
	  $(SUDO) $(APT_GET) update -q && $(SUDO) $(APT_GET) install -y -q libcmark-dev pkg-config; \
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

clean:
	rm -rf site $(BUILD_DIR)
