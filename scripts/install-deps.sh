#!/usr/bin/env bash
# Installs every Debian 12 package that kcluster's build, tests and `make run` need.
# Idempotent: when everything is present it only runs dpkg-query and exits (well under a second).
# Works as root or through sudo. Set KC_SKIP_DEPS=1 to skip entirely (e.g. on a non-Debian host
# where you installed the equivalents yourself).
set -euo pipefail

if [[ "${KC_SKIP_DEPS:-0}" == "1" ]]; then
    exit 0
fi

PACKAGES=(
    # toolchain
    g++ cmake ninja-build pkg-config make ccache git
    # core libraries
    libfmt-dev libspdlog-dev libcli11-dev nlohmann-json3-dev libtomlplusplus-dev
    libsqlite3-dev libsqlitecpp-dev libicu-dev libtbb-dev
    # PostgreSQL backend (libpqxx) and the server/client used by its tests and `db backup`
    libpq-dev libpqxx-dev postgresql-15 postgresql-client-15
    # accounts: Argon2id password hashes and random session tokens
    libsodium-dev
    # text analysis: Japanese morphology (MeCab + IPAdic, dictionary tools) and Snowball stemmers
    libmecab-dev mecab-ipadic-utf8 mecab-utils libstemmer-dev
    # optimisation: min-cost flow (LEMON, Boost licence) and MIP (CBC, EPL)
    liblemon-dev coinor-libcbc-dev
    # HTTP server (Boost.Beast and Asio)
    libboost-dev libboost-system-dev
    # tests and benchmarks
    libgtest-dev libgmock-dev libbenchmark-dev
    # format check
    clang-format
    # benchmarks (peak memory via /usr/bin/time; the web load benchmark: wrk, curl, sqlite3)
    time wrk curl sqlite3
    # browser tests of the web UI (web/e2e, driven by npm playwright-core) and a Japanese font
    chromium chromium-driver fonts-ipaexfont-gothic
)

# The browser UI (web/) builds with Node 20+ and npm from the npm registry. Debian 12's own
# nodejs is 18, too old for Vite 8 and Vitest 4: install Node 20 (e.g. from nodesource or the
# official tarball) if `node` is missing or older; this script only checks.
check_node() {
    if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
        echo "install-deps: Node.js 20+ and npm are needed for the web UI (web/): install them" >&2
        return 1
    fi
    local major
    major=$(node -p 'process.versions.node.split(".")[0]')
    if [[ "$major" -lt 20 ]]; then
        echo "install-deps: Node.js $(node --version) is too old for the web UI: install 20+" >&2
        return 1
    fi
}
check_node

missing=()
for pkg in "${PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    if [[ "$status" != "install ok installed" ]]; then
        missing+=("$pkg")
    fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
    exit 0
fi

echo "install-deps: installing ${#missing[@]} package(s): ${missing[*]}" >&2
SUDO=""
if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "install-deps: not root and no sudo; please install: ${missing[*]}" >&2
        exit 1
    fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done" >&2
