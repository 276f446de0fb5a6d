#!/usr/bin/env bash
# Installs, idempotently, the Debian packages the test suite drives for real. Safe to run again; does nothing
# when everything is present. Needs root for apt; a non-root run only reports what is missing.
set -euo pipefail

packages=(
  passwd        # useradd/groupadd: the POSIX multi-user tests create real local users
  util-linux    # setpriv: Lustre striping runs lfs as the mapped user; flock, setsid: start-keycloak.sh
  curl wget     # real HTTPS clients driving the HTTPS mover
)
# KeycloakLoginTest needs nothing more: deploy/start-keycloak.sh fetches Keycloak from Maven Central with Maven and
# runs it on the build's JDK 17.

missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done

# Node.js and npm: GlobusSdkCompatibilityTest drives the Manager API with the official Globus SDK for
# JavaScript (dtn-node/src/test/js, installed there with `npm ci`). Any node on the PATH will do (NodeSource's
# nodejs bundles npm, so npm is checked as a command, not as a Debian package).
if ! command -v node >/dev/null 2>&1; then
  missing+=(nodejs npm)
elif ! command -v npm >/dev/null 2>&1; then
  missing+=(npm)
fi

node_version_note() {
  local major
  command -v node >/dev/null 2>&1 || return 0
  major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  if [ "$major" -lt 20 ]; then
    echo "note: node $(node --version) is older than 20, which @globus/sdk 6.2.0 declares in its engines" >&2
  fi
}

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if [ ${#missing[@]} -eq 0 ]; then
  node_version_note
  "$here/start-postgres.sh"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "missing packages: ${missing[*]} (run this script as root to install them)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=600 update -q
apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${missing[@]}"
node_version_note
"$here/start-postgres.sh"
