# kcluster — two commands:
#   make run    install what is needed, build (Release) and the web UI, create var/kcluster.db
#               with the demo programme (and one account per role, passwords printed once) if it
#               is absent, show the programme overview and serve the platform on
#               http://127.0.0.1:8080/ (PORT=...) until Ctrl-C
#   make test   install what is needed, build (Debug + ASan/UBSan), run every test with ctest,
#               the PostgreSQL half against a throwaway server (scripts/with-postgres.sh) unless
#               KC_TEST_PG already names one; then the web UI's type check, tests and build,
#               and its browser tests in headless Chromium (screenshots in build/test/e2e-screenshots)
# Also: make build, make web, make bench, make check (format + layer rules), make docs, make clean.

JOBS        ?= 2
DB          ?= var/kcluster.db
RELEASE_DIR ?= build/release
TEST_DIR    ?= build/test
KCLUSTER     = $(RELEASE_DIR)/src/cli/kcluster
CMAKE_FLAGS ?=
PORT        ?= 8080
WEB_MODULES  = web/node_modules/.kc-installed

ifeq ($(CI),true)
TEST_FLAGS = -DKC_WERROR=ON
endif

.PHONY: all deps build web run test bench check docs clean

all: build

deps:
	@scripts/install-deps.sh

build: deps
	@cmake -S . -B $(RELEASE_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS) >/dev/null
	@ninja -C $(RELEASE_DIR) -j$(JOBS) kcluster

# npm ci only when package-lock.json changed.
$(WEB_MODULES): web/package-lock.json
	@cd web && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

web: deps $(WEB_MODULES)
	@cd web && npm run build --silent

run: build web
	@if [ ! -f "$(DB)" ]; then \
		echo "Creating $(DB) with the demo programme (sample data)..."; \
		$(KCLUSTER) --db "$(DB)" demo load; \
	else \
		echo "Using $(DB); demo accounts: kcluster user list (new password: kcluster user passwd LOGIN)"; \
	fi
	@$(KCLUSTER) --db "$(DB)" overview
	@echo "Serving kcluster on http://127.0.0.1:$(PORT)/ (Ctrl-C stops it)"
	@$(KCLUSTER) --db "$(DB)" serve --port $(PORT) --web web/dist

test: deps
	@cmake -S . -B $(TEST_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DKC_SANITIZE=ON \
		-DKC_BUILD_BENCHMARKS=OFF $(TEST_FLAGS) $(CMAKE_FLAGS) >/dev/null
	@ninja -C $(TEST_DIR) -j$(JOBS)
	@if [ -n "$$KC_TEST_PG" ]; then \
		cd $(TEST_DIR) && ctest --output-on-failure -j$(JOBS) --timeout 600; \
	else \
		scripts/with-postgres.sh sh -c 'cd $(TEST_DIR) && ctest --output-on-failure -j$(JOBS) --timeout 600'; \
	fi
	@$(MAKE) --no-print-directory $(WEB_MODULES)
	@cd web && npm run typecheck --silent && npm run test --silent && npm run build --silent
	@cd web && KCLUSTER=../$(TEST_DIR)/src/cli/kcluster npm run e2e --silent

bench: deps
	@cmake -S . -B $(RELEASE_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS) >/dev/null
	@ninja -C $(RELEASE_DIR) -j$(JOBS)
	@scripts/bench.sh $(RELEASE_DIR)

check:
	@scripts/check.sh

docs: build
	@$(KCLUSTER) schema docs --out docs

clean:
	rm -rf build web/dist
