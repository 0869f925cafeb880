#!/usr/bin/env bash
# Installs the real mail peers the ingest tests talk to: Postfix (relays into the SMTP intake), swaks (sends
# test mail) and unbound (serves DKIM keys). Idempotent and quiet when everything is present. Needs root.
# Nothing is started here: the tests start (and stop) their own throwaway instances.
set -euo pipefail

need=()
command -v postfix >/dev/null 2>&1 || [ -x /usr/sbin/postfix ] || need+=(postfix)
command -v swaks >/dev/null 2>&1 || need+=(swaks)
command -v unbound >/dev/null 2>&1 || [ -x /usr/sbin/unbound ] || need+=(unbound)

[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "install-mail-tools: missing ${need[*]}; run as root or install them" >&2
  exit 1
fi
echo "install-mail-tools: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# Postfix asks how to configure itself; the tests write their own configuration.
echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
echo "postfix postfix/mailname string localhost" | debconf-set-selections
# Several builders may share this machine: wait for another apt run to let go of its lock.
apt_get() { apt-get -o DPkg::Lock::Timeout=300 "$@"; }
if ! apt-cache show postfix >/dev/null 2>&1; then
  apt_get update -qq
fi
# No policy-rc.d games: Postfix and unbound are not started by the package without systemd.
apt_get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
