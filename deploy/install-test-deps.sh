#!/usr/bin/env bash
# Installs, idempotently, the Debian packages the test suite drives for real. Safe to run again; does nothing
# when everything is present. Needs root for apt; a non-root run only reports what is missing.
set -euo pipefail

packages=(
  passwd        # useradd/groupadd: the POSIX multi-user tests create real local users
  util-linux    # setpriv: Lustre striping runs lfs as the mapped user
)

missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "missing packages: ${missing[*]} (run this script as root to install them)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=600 update -q
apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${missing[@]}"
