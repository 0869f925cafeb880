#!/usr/bin/env bash
# Installs what the IMAP integration tests (DovecotImapIT) need from Debian packages: Dovecot's IMAP server and
# openssl (for the test's self-signed certificate). Idempotent and quiet when all is there.
set -euo pipefail

need_apt=()
[ -x /usr/sbin/dovecot ] && [ -x /usr/lib/dovecot/imap ] || need_apt+=(dovecot-imapd)
command -v openssl >/dev/null 2>&1 || need_apt+=(openssl)

if [ ${#need_apt[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-imap-tools: missing ${need_apt[*]}; run as root or install them" >&2
  exit 1
fi
echo "install-imap-tools: installing ${need_apt[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# A fresh machine may have no package lists yet; update only when the first attempt fails.
if ! apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null 2>&1; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi
