#!/usr/bin/env bash
# Runs a real Keycloak (26.7.3, development mode, plain HTTP on 127.0.0.1 only) with a realm imported, for the
# tests that log in through a real identity provider (dtn-node KeycloakLoginTest), or to try Conduit by hand.
#
#   deploy/start-keycloak.sh [start] [PORT] [--realm FILE]   start it (or find it running); prints the issuer
#   deploy/start-keycloak.sh stop [PORT]                    stop it and delete its data
#
# PORT: else $KEYCLOAK_PORT, else 18080. FILE: else $KEYCLOAK_REALM_FILE, else deploy/keycloak/research-realm.json
# (realm "research": clients conduit-cli, whose access tokens carry aud "conduit", and other-app; users alice and
# bob; a realm administrator). The one line on stdout is the issuer, http://127.0.0.1:PORT/realms/REALM; progress
# goes to stderr. The master realm's administrator is "admin", password in the instance's admin-password file.
#
# Keycloak is fetched from Maven Central with Maven (org.keycloak:keycloak-quarkus-dist:26.7.3:zip) and unpacked
# once under ${CONDUIT_TEST_CACHE:-/var/tmp/conduit-test}. The first run also lets Keycloak build itself for
# development mode (about a minute) and keeps the database it creates when importing the realm, one per realm
# file content; later starts copy that database and answer in 15-40 s (2 cores). Each port gets its own
# instance folder (hard links to the distribution; its own database, log and pid file), so several instances,
# from several checkouts, can run at once. Needs Java 17 or newer (java on the PATH or in $JAVA_HOME;
# $KEYCLOAK_JAVA_HOME runs Keycloak alone on another JDK). Works as root, and without systemd.
set -euo pipefail

VERSION=26.7.3
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="${CONDUIT_TEST_CACHE:-/var/tmp/conduit-test}"
dist="$cache/keycloak-$VERSION"
templates="$cache/keycloak-$VERSION-databases"
instances="$cache/keycloak-$VERSION-instances"
timeout="${KEYCLOAK_START_TIMEOUT:-300}"

mode=start
port="${KEYCLOAK_PORT:-18080}"
realm_file="${KEYCLOAK_REALM_FILE:-$here/keycloak/research-realm.json}"
while [ $# -gt 0 ]; do
  case "$1" in
    start|stop) mode="$1" ;;
    --realm) realm_file="${2:?--realm needs a file}"; shift ;;
    --realm=*) realm_file="${1#--realm=}" ;;
    [0-9]*) port="$1" ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "start-keycloak.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
if ! [[ "$port" =~ ^[0-9]+$ ]] || [ "$port" -lt 1 ] || [ "$port" -gt 65535 ]; then
  echo "start-keycloak.sh: bad port '$port'" >&2; exit 2
fi
instance="$instances/$port"

log() { echo "start-keycloak.sh: $*" >&2; }
alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The HTTP status of GET http://127.0.0.1:$port$1, or nothing when no server answers (bash alone: no curl).
http_status() {
  (
    exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 0
    printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n\r\n' "$1" "$port" >&3
    IFS=' ' read -r -t 10 _ status _ <&3 && echo "$status"
  ) 2>/dev/null || true
}

# Stops the Keycloak of home folder $1: TERM to kc.sh, which passes it on to the JVM; after 30 s, KILL to both
# (they are a process group of their own).
stop_in() {
  local pid
  pid="$(cat "$1/keycloak.pid" 2>/dev/null || true)"
  if alive "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do alive "$pid" || break; sleep 0.5; done
    if alive "$pid"; then
      log "Keycloak (pid $pid) did not stop within 30 s; killing it"
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
      sleep 1
    fi
  fi
  rm -f "$1/keycloak.pid"
}

# Starts Keycloak from home folder $1 on $port in the background, in a session of its own. $2/admin-password
# is the master administrator's password (used only when Keycloak creates the master realm); the remaining
# arguments go to kc.sh. The pid of kc.sh goes to $1/keycloak.pid.
launch() {
  local home="$1" secrets="$2" java="java" jhome="${KEYCLOAK_JAVA_HOME:-${JAVA_HOME:-}}"
  shift 2
  [ -n "$jhome" ] && java="$jhome/bin/java"
  # No stdin, and none of our descriptors (the lock, the caller's pipes) held open by the server.
  env JAVA="$java" KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD="$(cat "$secrets/admin-password")" \
    setsid "$home/bin/kc.sh" start-dev --http-host=127.0.0.1 --http-port="$port" "$@" \
    </dev/null >"$home/keycloak.log" 2>&1 9>&- &
  echo $! >"$home/keycloak.pid"
}

# Waits until GET $2 answers 200 while the Keycloak of home folder $1 runs.
await() {
  local home="$1" path="$2" pid deadline=$((SECONDS + timeout))
  pid="$(cat "$home/keycloak.pid")"
  until [ "$(http_status "$path")" = 200 ]; do
    if ! alive "$pid"; then
      log "Keycloak exited before answering; the end of $home/keycloak.log:"
      tail -n 40 "$home/keycloak.log" >&2
      return 1
    fi
    if [ $SECONDS -ge $deadline ]; then
      log "no answer from http://127.0.0.1:$port$path within $timeout s; the end of $home/keycloak.log:"
      tail -n 40 "$home/keycloak.log" >&2
      stop_in "$home"
      return 1
    fi
    sleep 0.5
  done
}

check_java() {
  local java="java" jhome="${KEYCLOAK_JAVA_HOME:-${JAVA_HOME:-}}" spec
  [ -n "$jhome" ] && java="$jhome/bin/java"
  spec="$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')" || true
  if [ -z "$spec" ] || [ "${spec%%.*}" -lt 17 ]; then
    log "Keycloak $VERSION needs Java 17 or newer; '$java' is ${spec:-not there} (set KEYCLOAK_JAVA_HOME)"
    exit 1
  fi
}

# Downloads and unpacks the distribution, once.
unpack() {
  [ -f "$dist/bin/kc.sh" ] && return 0
  local scratch="$cache/keycloak-$VERSION.download"
  log "fetching org.keycloak:keycloak-quarkus-dist:$VERSION:zip with Maven (once, ~180 MB)"
  rm -rf "$scratch" "$dist"
  mkdir -p "$scratch"
  if ! (cd "$scratch" && mvn -B -q -Dstyle.color=never org.apache.maven.plugins:maven-dependency-plugin:3.9.0:unpack \
      -Dartifact="org.keycloak:keycloak-quarkus-dist:$VERSION:zip" -Dtransitive=false \
      -DoutputDirectory="$scratch/unpacked" -DmarkersDirectory="$scratch/markers" >&2); then
    log "could not fetch org.keycloak:keycloak-quarkus-dist:$VERSION:zip with Maven"
    exit 1
  fi
  mv "$scratch/unpacked/keycloak-$VERSION" "$dist"
  rm -rf "$scratch"
}

# Makes home folder $1 out of the distribution: hard links to what nobody writes, copies of what Keycloak may
# rewrite (its build state, its configuration).
populate() {
  rm -rf "$1"
  mkdir -p "$1"
  cp -al "$dist/bin" "$dist/lib" "$dist/providers" "$dist/themes" "$dist/version.txt" "$1/"
  rm -rf "$1/lib/quarkus"
  cp -a "$dist/lib/quarkus" "$1/lib/quarkus"
  cp -a "$dist/conf" "$1/conf"
}

# Imports the realm into a new database and keeps it as $template (stopped, so that its files are whole). The
# very first time this runs in the distribution itself, which Keycloak then builds for development mode.
make_template() {
  local home="$instance" new="$templates/.importing-$realm"
  [ -f "$dist/.conduit-built" ] || home="$dist"
  log "importing realm $realm from $realm_file into a new database (once per realm file; up to a few minutes)"
  [ "$home" = "$dist" ] || populate "$home"
  rm -rf "$home/data" "$new"
  mkdir -p "$home/data/import" "$new"
  cp "$realm_file" "$home/data/import/$realm-realm.json"
  (umask 077 && od -An -N12 -tx1 /dev/urandom | tr -d ' \n' >"$new/admin-password")
  launch "$home" "$new" --import-realm
  await "$home" "$discovery" || exit 1
  stop_in "$home"
  touch "$dist/.conduit-built"
  mv "$home/data/h2" "$new/h2"
  rm -rf "$templates/$realm-"*
  mv "$new" "$template"
  mv "$home/keycloak.log" "$cache/keycloak-$VERSION-import.log"
  rm -rf "$home/data"
}

if [ "$mode" = stop ]; then
  if [ -d "$instance" ]; then
    stop_in "$instance"
    mv -f "$instance/keycloak.log" "$instances/$port.last.log" 2>/dev/null || true
    rm -rf "$instance"
    log "stopped the Keycloak on port $port (its log: $instances/$port.last.log)"
  fi
  find "$instances" -maxdepth 1 -name '*.last.log' -mtime +7 -delete 2>/dev/null || true
  exit 0
fi

[ -f "$realm_file" ] || { log "no realm file $realm_file"; exit 2; }
realm="$(sed -n 's/^ *"realm" *: *"\([^"]*\)".*/\1/p' "$realm_file" | head -n 1)"
[ -n "$realm" ] || { log "$realm_file names no realm"; exit 2; }
issuer="http://127.0.0.1:$port/realms/$realm"
discovery="/realms/$realm/.well-known/openid-configuration"
template="$templates/$realm-$(sha256sum "$realm_file" | cut -c1-16)"

# Running already? Then that is the answer.
if alive "$(cat "$instance/keycloak.pid" 2>/dev/null || true)" && [ "$(http_status "$discovery")" = 200 ]; then
  log "Keycloak already runs on port $port"
  echo "$issuer"
  exit 0
fi

check_java
mkdir -p "$cache" "$templates" "$instances"
exec 9>"$cache/keycloak-$VERSION.lock"
flock 9  # concurrent first runs wait for each other
[ -d "$instance" ] && stop_in "$instance"
if port_in_use "$port"; then
  log "port $port is already in use by another program"
  exit 1
fi
unpack
[ -f "$dist/.conduit-built" ] && [ -d "$template/h2" ] || make_template
populate "$instance"
mkdir -p "$instance/data"
cp -a "$template/h2" "$instance/data/h2"
cp -a "$template/admin-password" "$instance/admin-password"
exec 9>&-

started=$SECONDS
launch "$instance" "$instance"
await "$instance" "$discovery" || exit 1
log "Keycloak $VERSION answers on http://127.0.0.1:$port after $((SECONDS - started)) s; pid $(cat "$instance/keycloak.pid"),"
log "log $instance/keycloak.log; stop it with: $0 stop $port"
echo "$issuer"
