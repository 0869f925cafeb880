#!/usr/bin/env bash
# Installs the real servers and the second opinion the checks' lab tests use: NSD (authoritative DNS for the
# test zones), ldnsutils (ldns-keygen and ldns-signzone sign the zones at test time), openssl (test CA) and
# postfix-mta-sts-resolver (mta-sts-query, an MTA-STS client nobody here wrote). Idempotent and quiet when
# everything is present. Needs root. Nothing is started here: the tests start and stop their own instances.
set -euo pipefail

need=()
command -v nsd >/dev/null 2>&1 || [ -x /usr/sbin/nsd ] || need+=(nsd)
command -v ldns-signzone >/dev/null 2>&1 || need+=(ldnsutils)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
command -v mta-sts-query >/dev/null 2>&1 || need+=(postfix-mta-sts-resolver)
# unshare and mount point mta-sts-query (which reads /etc/resolv.conf) at the lab's resolver.
command -v unshare >/dev/null 2>&1 || need+=(util-linux)

[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "install-check-tools: missing ${need[*]}; run as root or install them" >&2
  exit 1
fi
echo "install-check-tools: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# Several builders may share this machine: wait for another apt run to let go of its lock.
apt_get() { apt-get -o DPkg::Lock::Timeout=300 "$@"; }
if ! apt-cache show nsd >/dev/null 2>&1; then
  apt_get update -qq
fi
# NSD's package does not start the daemon without systemd; the tests run their own with their own config.
apt_get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
