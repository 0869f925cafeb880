#!/usr/bin/env bash
# Installs the dashboard's npm dependencies exactly as package-lock.json pins them (npm checks each tarball's
# sha512) in a work directory under target/, then copies the browser build of Apache ECharts and its licence into
# the jar's static resources. Skips npm when the work directory already holds this lock file's install.
#   usage: bundle-echarts.sh MODULE_DIR WORK_DIR OUT_DIR
set -euo pipefail
module="${1:?usage: bundle-echarts.sh MODULE_DIR WORK_DIR OUT_DIR}"
work="${2:?usage: bundle-echarts.sh MODULE_DIR WORK_DIR OUT_DIR}"
out="${3:?usage: bundle-echarts.sh MODULE_DIR WORK_DIR OUT_DIR}"

if ! command -v npm >/dev/null 2>&1; then
  echo "bundle-echarts: 'npm' was not found on PATH; it is needed to fetch Apache ECharts for the dashboard." >&2
  echo "bundle-echarts: install Node.js/npm (Debian: apt-get install npm) and build again." >&2
  exit 1
fi

mkdir -p "$work"
if ! cmp -s "$module/package-lock.json" "$work/installed-package-lock.json"; then
  cp "$module/package.json" "$module/package-lock.json" "$work/"
  # --prefer-offline: a machine that fetched these once builds without the network.
  (cd "$work" && npm ci --no-audit --no-fund --ignore-scripts --prefer-offline --loglevel=error)
  cp "$module/package-lock.json" "$work/installed-package-lock.json"
fi

echarts="$work/node_modules/echarts"
mkdir -p "$out"
# The "common" build: line, bar and pie charts with tooltip, legend and grid; a third smaller than the full one.
cp "$echarts/dist/echarts.common.min.js" "$out/echarts.min.js"
cp "$echarts/LICENSE" "$out/echarts.LICENSE.txt"
cp "$echarts/NOTICE" "$out/echarts.NOTICE.txt"
