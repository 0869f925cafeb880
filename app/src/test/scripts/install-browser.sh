#!/usr/bin/env bash
# Installs the real browser the dashboard tests drive: Debian's chromium and chromium-driver (Selenium talks to
# /usr/bin/chromedriver; nothing is downloaded at test time). Idempotent and quiet when both are present. Needs root.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || [ -x /usr/bin/chromedriver ] || need+=(chromium-driver)

[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "install-browser: missing ${need[*]}; run as root or install them" >&2
  exit 1
fi
echo "install-browser: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# Several builders may share this machine: wait for another apt run to let go of its lock.
apt_get() { apt-get -o DPkg::Lock::Timeout=300 "$@"; }
if ! apt-cache show chromium-driver >/dev/null 2>&1; then
  apt_get update -qq
fi
apt_get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
