# kcluster — two commands:
#   make run    install what is needed, build (Release), create var/kcluster.db with the demo
#               programme if it is absent, and show the programme overview
#   make test   install what is needed, build (Debug + ASan/UBSan), run every test with ctest,
#               the PostgreSQL half against a throwaway server (scripts/with-postgres.sh) unless
#               KC_TEST_PG already names one
# Also: make build, make bench, make check (format + layer rules), make docs, make clean.

JOBS        ?= 2
DB          ?= var/kcluster.db
RELEASE_DIR ?= build/release
TEST_DIR    ?= build/test
KCLUSTER     = $(RELEASE_DIR)/src/cli/kcluster
CMAKE_FLAGS ?=

ifeq ($(CI),true)
TEST_FLAGS = -DKC_WERROR=ON
endif

.PHONY: all deps build run test bench check docs clean

all: build

deps:
	@scripts/install-deps.sh

build: deps
	@cmake -S . -B $(RELEASE_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS) >/dev/null
	@ninja -C $(RELEASE_DIR) -j$(JOBS) kcluster

run: build
	@if [ ! -f "$(DB)" ]; then \
		echo "Creating $(DB) with the demo programme (sample data)..."; \
		$(KCLUSTER) --db "$(DB)" demo load; \
	fi
	@$(KCLUSTER) --db "$(DB)" overview

test: deps
	@cmake -S . -B $(TEST_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DKC_SANITIZE=ON \
		-DKC_BUILD_BENCHMARKS=OFF $(TEST_FLAGS) $(CMAKE_FLAGS) >/dev/null
	@ninja -C $(TEST_DIR) -j$(JOBS)
	@if [ -n "$$KC_TEST_PG" ]; then \
		cd $(TEST_DIR) && ctest --output-on-failure -j$(JOBS) --timeout 600; \
	else \
		scripts/with-postgres.sh sh -c 'cd $(TEST_DIR) && ctest --output-on-failure -j$(JOBS) --timeout 600'; \
	fi

bench: deps
	@cmake -S . -B $(RELEASE_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS) >/dev/null
	@ninja -C $(RELEASE_DIR) -j$(JOBS)
	@scripts/bench.sh $(RELEASE_DIR)

check:
	@scripts/check.sh

docs: build
	@$(KCLUSTER) schema docs --out docs

clean:
	rm -rf build
