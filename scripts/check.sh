#!/usr/bin/env bash
# Checks what a compiler does not: formatting (clang-format 14, .clang-format) and the layer rule
# of ARCHITECTURE.md (no layer includes a layer above it). Exits 1 listing each problem.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0

if command -v clang-format >/dev/null 2>&1; then
    mapfile -t files < <(git ls-files 'src/*.h' 'src/*.cpp' 'tests/*.h' 'tests/*.cpp' 2>/dev/null)
    if [[ ${#files[@]} -gt 0 ]]; then
        bad=$(clang-format --dry-run "${files[@]}" 2>&1 | grep -E '^[^ ]+:[0-9]+:[0-9]+: (warning|error)' \
              | cut -d: -f1 | sort -u)
        if [[ -n "$bad" ]]; then
            echo "check: not formatted (run: clang-format -i FILE):" >&2
            echo "$bad" | sed 's/^/  /' >&2
            status=1
        fi
    fi
else
    echo "check: clang-format not installed; skipping the format check" >&2
fi

# Layer rule: util <- core <- store <- app <- http, cli; engines see only util.
declare -A forbidden=(
    [util]="core/ store/ app/ http/ cli/ engines/"
    [core]="store/ app/ http/ cli/ engines/"
    [store]="app/ http/ cli/ engines/"
    [app]="http/ cli/"
    [http]="cli/"
    [engines]="core/ store/ app/ http/ cli/"
)
for layer in "${!forbidden[@]}"; do
    for target in ${forbidden[$layer]}; do
        hits=$(grep -rn "#include \"$target" "src/$layer" 2>/dev/null)
        if [[ -n "$hits" ]]; then
            echo "check: src/$layer must not include $target:" >&2
            echo "$hits" | sed 's/^/  /' >&2
            status=1
        fi
    done
done
exit $status
