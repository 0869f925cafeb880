#!/usr/bin/env bash
# Fetches the chDB engine (libchdb.so) from the npm package @chdb/lib-linux-x64-gnu at a pinned
# version into a per-user cache outside the source tree. npm checks the tarball's integrity against
# the registry's sha512. Does nothing when the library is already cached.
#   usage: fetch-chdb.sh VERSION CACHE_DIR
set -euo pipefail
version="${1:?usage: fetch-chdb.sh VERSION CACHE_DIR}"
cache="${2:?usage: fetch-chdb.sh VERSION CACHE_DIR}"
pkg="@chdb/lib-linux-x64-gnu"
lib="$cache/node_modules/$pkg/libchdb.so"

if [[ -s "$lib" ]]; then
  exit 0
fi
if [[ "$(uname -s)" != "Linux" || "$(uname -m)" != "x86_64" ]]; then
  echo "fetch-chdb: the embedded ClickHouse (chDB) is only packaged for linux-x64 (glibc); this is $(uname -s)-$(uname -m)." >&2
  echo "fetch-chdb: use an external ClickHouse instead, or build with -Dexec.skip to skip the embedded engine." >&2
  exit 1
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "fetch-chdb: 'npm' was not found on PATH; it is needed once to fetch $pkg@$version (a 165 MB download, 560 MB unpacked)." >&2
  echo "fetch-chdb: install Node.js/npm (Debian: apt-get install npm) and build again." >&2
  exit 1
fi

echo "fetch-chdb: fetching $pkg@$version into $cache"
mkdir -p "$(dirname "$cache")"
tmp="$(mktemp -d "$cache.tmp.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
npm install --prefix "$tmp" --no-save --no-package-lock --ignore-scripts --no-audit --no-fund \
  --os=linux --cpu=x64 "$pkg@$version"
[[ -s "$tmp/node_modules/$pkg/libchdb.so" ]] || { echo "fetch-chdb: $pkg@$version has no libchdb.so" >&2; exit 1; }
rm -rf "$cache"
mv "$tmp" "$cache"
trap - EXIT
echo "fetch-chdb: $lib"
