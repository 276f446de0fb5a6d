#!/usr/bin/env bash
# HTTPS mover benchmark: the same GET and PUT work through a Conduit node and through nginx serving the same
# folder over TLS on the same machine, loopback only; prints Conduit/nginx ratios and writes them as JSON to
# bench/results/https-<UTC date and time>.json. Run as root (see bench/README.md):
#
#     bench/https/run.sh                  # 2 GiB large file, 2000 files of 4 KiB, 3 runs each, median
#     SIZE=1G N=5 bench/https/run.sh
#
# Settings (environment):
#   SIZE=2G          the large file (2G, 512M, ...)          N=3            runs per workload (median reported)
#   FILES=2000       number of small files                   SMALL=4096     bytes per small file
#   PAR=8            curl processes in parallel (small)       WARMUP=FILES   untimed small GETs and PUTs first
#   WORKLOADS="get_large put_large get_small put_small"     (any subset)
#   CONDUIT_PORT=18443 (admin port +1)   NGINX_PORT=18543   CONDUIT_JAVA_OPTS=  (extra JVM options, e.g. JFR)
#   WORK_PARENT=/var/tmp (temporary folder)   KEEP=1 (keep it)   HOLD=1 (set up, print URLs, wait for Ctrl-C)
#   QUIET_WAIT=60 (seconds to wait, before each run, for other processes to leave the cores idle; 0: never)
#   RESULTS=bench/results (JSON folder)   NO_RESULTS=1 (print only)
#
# Idempotent set-up: installs Debian's nginx (and curl, jq) when missing; creates the local user conduit-bench
# (a non-root account owning the served folder: the node refuses to act as root by design); builds the node
# with `mvn package` (never install) when its jar is missing or stale. Both servers are stopped on exit.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

SIZE="${SIZE:-2G}"
N="${N:-3}"
FILES="${FILES:-2000}"
SMALL="${SMALL:-4096}"
PAR="${PAR:-8}"
WARMUP="${WARMUP:-$FILES}"
CONDUIT_PORT="${CONDUIT_PORT:-18443}"
NGINX_PORT="${NGINX_PORT:-18543}"
WORK_PARENT="${WORK_PARENT:-/var/tmp}"
RESULTS="${RESULTS:-$repo/bench/results}"
BENCH_USER=conduit-bench

log() { printf '[bench] %s\n' "$*" >&2; }
die() { printf '[bench] error: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "run as root (it installs nginx, creates the user $BENCH_USER and starts the node as root)"
size_bytes="$(numfmt --from=iec "$SIZE")" || die "SIZE=$SIZE is not a size such as 2G or 512M"
[ "$N" -ge 1 ] && [ "$FILES" -ge "$PAR" ] && [ "$PAR" -ge 1 ] && [ "$WARMUP" -le "$FILES" ] \
  || die "need N >= 1, FILES >= PAR >= 1 and WARMUP <= FILES"

read -r -a workloads <<<"${WORKLOADS:-get_large put_large get_small put_small}"
for w in "${workloads[@]}"; do
  case $w in get_large|put_large|get_small|put_small) ;; *) die "unknown workload $w" ;; esac
done
needs_large() { case " ${workloads[*]} " in *_large*) return 0 ;; *) return 1 ;; esac; }

# ------------------------------------------------------------------------------------------- set-up (idempotent)

install_packages() {
  local missing=() p
  command -v nginx >/dev/null || missing+=(nginx)
  command -v curl >/dev/null || missing+=(curl)
  command -v jq >/dev/null || missing+=(jq)
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]}"
  # Keep the package from starting the system nginx (port 80): this benchmark runs its own on loopback.
  local own_policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d && own_policy=1
  fi
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
  [ -n "$own_policy" ] && rm -f /usr/sbin/policy-rc.d
  for p in "${missing[@]}"; do command -v "$p" >/dev/null || die "$p did not install"; done
}

install_packages
command -v java >/dev/null || die "java (JDK 17) is not on the PATH"
nginx -V 2>&1 | grep -q -- --with-http_dav_module || die "this nginx has no WebDAV module (needed for PUT)"

id "$BENCH_USER" >/dev/null 2>&1 || {
  log "creating the local user $BENCH_USER"
  useradd --system --no-create-home --shell /usr/sbin/nologin "$BENCH_USER"
}

# The node measured is the one these sources build: rebuilt (package, never install into ~/.m2) when its jar is
# missing or older than any source, as ./conduit does.
jar="$repo/dtn-node/target/conduit-node.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$repo" -path '*/target' -prune -o \( -name '*.java' -o -name 'pom.xml' \
    -o -name '*.sql' -o -name '*.yaml' \) -newer "$jar" -print -quit)" ]; then
  log "building the node (mvn package)"
  (cd "$repo" && { mvn -B -q -o -DskipTests package || mvn -B -q -DskipTests package; }) >&2
  touch "$jar"
fi

# ------------------------------------------------------------------------------------------- servers

work="$(mktemp -d "$WORK_PARENT/conduit-bench.XXXXXX")"
chmod 755 "$work"
home="$work/home"
ngx="$work/nginx"
conduit_pid=""
cleanup() {
  local rc=$?
  if [ -n "$conduit_pid" ] && kill -0 "$conduit_pid" 2>/dev/null; then
    kill "$conduit_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$conduit_pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$conduit_pid" 2>/dev/null || true
  fi
  if [ -s "$ngx/nginx.pid" ]; then
    local npid; npid="$(cat "$ngx/nginx.pid")"
    kill -QUIT "$npid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$npid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$npid" 2>/dev/null || true
  fi
  kill $(jobs -p) 2>/dev/null || true
  if [ "${KEEP:-0}" = 1 ]; then
    log "kept $work"
  else
    rm -rf "$work"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "starting the Conduit node on 127.0.0.1:$CONDUIT_PORT (home $home)"
# Port and bind address through Dropwizard's dw.* overrides, so the fresh home keeps its generated conduit.yaml.
# shellcheck disable=SC2086
java ${CONDUIT_JAVA_OPTS:-} \
  "-Ddw.server.applicationConnectors[0].port=$CONDUIT_PORT" \
  "-Ddw.server.applicationConnectors[0].bindHost=127.0.0.1" \
  "-Ddw.server.adminConnectors[0].port=$((CONDUIT_PORT + 1))" \
  -jar "$jar" serve --home "$home" --public-host localhost >"$work/conduit.out" 2>&1 &
conduit_pid=$!
for _ in $(seq 120); do
  [ -f "$home/endpoint.json" ] && break
  kill -0 "$conduit_pid" 2>/dev/null || { tail -30 "$work/conduit.out" >&2; die "the node did not start"; }
  sleep 0.5
done
[ -f "$home/endpoint.json" ] || die "the node did not write endpoint.json in 60 s"
ca="$(jq -r .ca_cert "$home/endpoint.json")"
coll="$(jq -r .default_collection_id "$home/endpoint.json")"
admin_token="$(cat "$(jq -r .admin_token_file "$home/endpoint.json")")"
data="$home/data"
conduit_base="https://127.0.0.1:$CONDUIT_PORT"
nginx_base="https://127.0.0.1:$NGINX_PORT"

chown "$BENCH_USER:" "$data"
token="$(curl -sS --fail --cacert "$ca" -H "Authorization: Bearer $admin_token" -H 'Content-Type: application/json' \
  -d "{\"username\":\"$BENCH_USER\"}" "$conduit_base/api/tokens" | jq -r '.data[0].token')"
[ -n "$token" ] && [ "$token" != null ] || die "could not issue a token for $BENCH_USER"

log "starting nginx on 127.0.0.1:$NGINX_PORT (config $ngx/nginx.conf)"
mkdir -p "$ngx/body" "$ngx/tmp"
chown "$BENCH_USER:" "$ngx/body"
# client_body_temp_path is on the same file system as the data folder, so a finished PUT is a rename.
[ "$(stat -c %d "$ngx/body")" = "$(stat -c %d "$data")" ] || die "nginx's body temp folder is not on the data's file system"
cat >"$ngx/nginx.conf" <<EOF
# Written by bench/https/run.sh: serves $data at /c/$coll/ like the Conduit node.
daemon on;
user $BENCH_USER $BENCH_USER;
worker_processes auto;
pid $ngx/nginx.pid;
error_log $ngx/error.log warn;
events { worker_connections 1024; }
http {
    default_type application/octet-stream;
    access_log $ngx/access.log;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    client_body_temp_path $ngx/body;
    proxy_temp_path $ngx/tmp/proxy;
    fastcgi_temp_path $ngx/tmp/fastcgi;
    uwsgi_temp_path $ngx/tmp/uwsgi;
    scgi_temp_path $ngx/tmp/scgi;
    server {
        listen 127.0.0.1:$NGINX_PORT ssl;
        ssl_certificate $home/tls/host.pem;
        ssl_certificate_key $home/tls/host.key;
        ssl_protocols TLSv1.2 TLSv1.3;
        location /c/$coll/ {
            alias $data/;
            dav_methods PUT;
            dav_access user:rw group:r all:r;
            client_max_body_size 0;
        }
    }
}
EOF
nginx -p "$ngx" -e "$ngx/error.log" -c "$ngx/nginx.conf" -t -q || die "nginx refused its configuration"
nginx -p "$ngx" -e "$ngx/error.log" -c "$ngx/nginx.conf"
for _ in $(seq 50); do [ -s "$ngx/nginx.pid" ] && break; sleep 0.1; done
[ -s "$ngx/nginx.pid" ] || die "nginx did not start"
nginx_pid="$(cat "$ngx/nginx.pid")"

# ------------------------------------------------------------------------------------------- data

if needs_large; then
  log "writing a $SIZE random file into $data"
  head -c "$size_bytes" /dev/urandom >"$data/large.bin"
fi
log "writing $FILES random files of $SMALL bytes into $data/small"
mkdir -p "$data/small" "$data/put-small"
head -c "$((FILES * SMALL))" /dev/urandom | split -b "$SMALL" -a 6 -d - "$data/small/f"
chown -R "$BENCH_USER:" "$data"
sync

# ------------------------------------------------------------------------------------------- clients

# One client for both servers: curl over HTTP/1.1, verifying the node's CA; the bearer token goes to both
# (nginx ignores it) so the requests are byte for byte the same apart from the port.
curl_common=(curl -sS --http1.1 --cacert "$ca" -H "Authorization: Bearer $token")

calc() { awk "BEGIN { printf \"%.${2:-6}f\", $1 }"; } # calc EXPRESSION [DECIMALS]
# CPU time (user + system, clock ticks) of a process and its children (nginx: master + workers; java: all threads).
cpu_ticks() {
  local pids total=0 p f
  pids="$1 $(pgrep -P "$1" | tr '\n' ' ')"
  for p in $pids; do
    f="$(cut -d')' -f2- "/proc/$p/stat" 2>/dev/null)" || continue
    # fields after "(comm)": state is 1st, utime 12th, stime 13th
    total=$((total + $(awk '{print $12 + $13}' <<<"$f")))
  done
  echo "$total"
}
# Busy CPU time of the whole machine (clock ticks, all cores): with the server's and the client's share known,
# the rest is other processes competing for the same cores (noise).
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }
# Before each timed run: wait (at most QUIET_WAIT seconds) until the whole machine is under 15% busy for a
# second, so another build or test suite on the same cores does not land in the measurement.
wait_quiet() {
  local limit="${QUIET_WAIT:-60}" waited=0 b0 b1
  while [ "$waited" -lt "$limit" ]; do
    b0=$(busy_ticks); sleep 1; b1=$(busy_ticks)
    awk -v d="$((b1 - b0))" -v hz="$hz" -v n="$(nproc)" 'BEGIN { exit !(d < 0.15 * hz * n) }' && return 0
    [ "$waited" = 0 ] && log "  waiting up to ${limit}s for the machine to be idle (QUIET_WAIT)"
    waited=$((waited + 1))
  done
  [ "$limit" = 0 ] || log "  the machine is still busy after ${limit}s; measuring anyway"
}
server_pid() { [ "$1" = conduit ] && echo "$conduit_pid" || echo "$nginx_pid"; }
base_of() { [ "$1" = conduit ] && echo "$conduit_base" || echo "$nginx_base"; }

# Each workload function runs once against server $1 and prints "WALL CLIENT_CPU" in seconds (CLIENT_CPU: user +
# system time of the curl processes, from bash's `time`); it fails on any unexpected status or size.
TIMEFORMAT='%R %U %S'
wall_cpu() { awk '{ printf "%.6f %.3f", $1, $2 + $3 }' <<<"$1"; }

get_large() {
  local url tm out
  url="$(base_of "$1")/c/$coll/large.bin"
  tm="$( { time "${curl_common[@]}" -o /dev/null -w '%{http_code} %{size_download}' "$url" \
    >"$work/get-large.out" 2>"$work/get-large.err"; } 2>&1 )" || true
  out="$(cat "$work/get-large.out")"
  [ "$out" = "200 $size_bytes" ] || die "GET large from $1: got '$out', expected '200 $size_bytes' ($(head -3 "$work/get-large.err"))"
  wall_cpu "$tm"
}

put_large() {
  local url tm out
  url="$(base_of "$1")/c/$coll/put-large.bin"
  rm -f "$data/put-large.bin"; sync
  tm="$( { time "${curl_common[@]}" -o /dev/null -w '%{http_code}' -T "$data/large.bin" "$url" \
    >"$work/put-large.out" 2>"$work/put-large.err"; } 2>&1 )" || true
  out="$(cat "$work/put-large.out")"
  case "$out" in 201|204) ;; *) die "PUT large to $1: status '$out' ($(head -3 "$work/put-large.err"))" ;; esac
  [ "$(stat -c %s "$data/put-large.bin")" = "$size_bytes" ] || die "PUT large to $1: stored size differs"
  if [ "${VERIFY:-}" = 1 ]; then cmp -s "$data/large.bin" "$data/put-large.bin" || die "PUT large to $1: content differs"; fi
  wall_cpu "$tm"
}

# Small files: the list is split into PAR curl processes run at once, each doing its share sequentially over
# one kept-alive connection (a curl config file with one url/output or url/upload-file pair per file).
small_configs() { # $1 server, $2 get|put, $3 count -> folder with PAR config files
  local dir="$work/cfg-$1-$2-$3" base i k name
  base="$(base_of "$1")/c/$coll"
  rm -rf "$dir"; mkdir -p "$dir"
  for ((i = 0; i < $3; i++)); do
    k=$((i % PAR))
    printf -v name 'f%06d' "$i"
    if [ "$2" = get ]; then
      printf 'url = "%s/small/%s"\noutput = "/dev/null"\n' "$base" "$name" >>"$dir/$k.cfg"
    else
      printf 'upload-file = "%s/small/%s"\nurl = "%s/put-small/%s"\noutput = "/dev/null"\n' \
        "$data" "$name" "$base" "$name" >>"$dir/$k.cfg"
    fi
  done
  echo "$dir"
}

small_run() { # $1 server, $2 get|put, $3 count
  local dir tm ok
  dir="$(small_configs "$1" "$2" "$3")"
  if [ "$2" = put ]; then find "$data/put-small" -mindepth 1 -delete; sync; fi
  tm="$( { time find "$dir" -name '*.cfg' -print0 | xargs -0 -P "$PAR" -I{} \
    "${curl_common[@]}" -w '%{http_code}\n' -K {} >"$dir/codes" 2>"$dir/errors"; } 2>&1 )" || true
  if [ "$2" = get ]; then
    ok=$(grep -cx 200 "$dir/codes" || true)
  else
    ok=$(grep -cxE '201|204' "$dir/codes" || true)
    [ "$(find "$data/put-small" -type f -size "${SMALL}c" | wc -l)" = "$3" ] || die "PUT small to $1: files missing"
  fi
  [ "$ok" = "$3" ] || die "$2 small against $1: $ok of $3 succeeded ($(sort "$dir/codes" | uniq -c | tr '\n' ' '); $(head -3 "$dir/errors"))"
  wall_cpu "$tm"
}
get_small() { small_run "$1" get "$FILES"; }
put_small() { small_run "$1" put "$FILES"; }

median() { sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

tls_of() { # negotiated protocol and cipher, as curl reports them
  "${curl_common[@]}" -v -o /dev/null "$(base_of "$1")/c/$coll/small/f000000" 2>&1 \
    | sed -n 's/^\* SSL connection using //p' | head -1
}

# ------------------------------------------------------------------------------------------- runs

if [ "${HOLD:-0}" = 1 ]; then
  # For profiling by hand: both servers stay up with the data in place until Ctrl-C.
  printf '%s\n' "$token" >"$work/token"
  cat >&2 <<EOF
[bench] HOLD=1: both servers stay up until Ctrl-C (then everything is cleaned up)
  Conduit: $conduit_base/c/$coll/   (pid $conduit_pid; output $work/conduit.out)
  nginx:   $nginx_base/c/$coll/   (master pid $nginx_pid; config $ngx/nginx.conf)
  CA: $ca   token for $BENCH_USER: $work/token   files: large.bin, small/f000000...
EOF
  while :; do sleep 3600 & wait $! || true; done # wait, unlike sleep, lets the trap run at once
fi

hz=$(getconf CLK_TCK)
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
log "warming up (untimed): JIT, page cache, connections"
for s in conduit nginx; do
  if needs_large; then get_large "$s" >/dev/null; fi
  small_run "$s" get "$WARMUP" >/dev/null
  small_run "$s" put "$WARMUP" >/dev/null
done

declare -A wall client server other
for w in "${workloads[@]}"; do
  for ((r = 1; r <= N; r++)); do
    # Alternate which server goes first, so drift (page cache, write-back, thermal) does not favour one.
    if ((r % 2)); then order=(conduit nginx); else order=(nginx conduit); fi
    for s in "${order[@]}"; do
      wait_quiet
      b0=$(busy_ticks); c0=$(cpu_ticks "$(server_pid "$s")")
      tc="$(VERIFY=$([ "$r" = 1 ] && echo 1 || echo 0) "$w" "$s")"
      c1=$(cpu_ticks "$(server_pid "$s")"); b1=$(busy_ticks)
      read -r t cc <<<"$tc"
      sc=$(calc "($c1 - $c0) / $hz" 2)
      oc=$(calc "($b1 - $b0) / $hz - $sc - $cc" 2)
      wall[$w.$s]+=" $t"; client[$w.$s]+=" $cc"; server[$w.$s]+=" $sc"; other[$w.$s]+=" $oc"
      log "$w $s run $r: ${t}s wall; CPU: server ${sc}s, client ${cc}s, rest of the machine ${oc}s"
      if awk -v o="$oc" -v t="$t" -v n="$(nproc)" 'BEGIN { exit !(o > 0.5 && o > 0.1 * t * n) }'; then
        log "  warning: other processes used ${oc}s CPU during this run (over 10% of the machine): expect noise"
      fi
    done
  done
done

# ------------------------------------------------------------------------------------------- report

med() { tr ' ' '\n' <<<"$1" | grep . | median; }
json_list() { jq -c -n --arg v "$1" '$v | split(" ") | map(select(. != "") | tonumber)'; }
mb=$(calc "$size_bytes / 1e6")
rows=()
table="$(printf '%-22s %12s %12s %14s %20s' workload Conduit nginx Conduit/nginx 'server CPU s (C/n)')"
for w in "${workloads[@]}"; do
  case $w in
    *_large) amount=$mb; unit="MB/s" ;;
    *) amount=$FILES; unit="files/s" ;;
  esac
  rc=$(calc "$amount / $(med "${wall[$w.conduit]}")" 1)
  rn=$(calc "$amount / $(med "${wall[$w.nginx]}")" 1)
  ratio=$(calc "$rc / $rn" 2)
  line="$(printf '%-22s %12s %12s %14s %20s' "${w/_/ } ($unit)" "$rc" "$rn" "$ratio" \
    "$(med "${server[$w.conduit]}") / $(med "${server[$w.nginx]}")")"
  table+=$'\n'"$line"
  rows+=("$(jq -n --arg w "$w" --arg unit "$unit" --argjson rc "$rc" --argjson rn "$rn" --argjson ratio "$ratio" \
    --argjson wc "$(json_list "${wall[$w.conduit]}")" --argjson wn "$(json_list "${wall[$w.nginx]}")" \
    --argjson sc "$(json_list "${server[$w.conduit]}")" --argjson sn "$(json_list "${server[$w.nginx]}")" \
    --argjson cc "$(json_list "${client[$w.conduit]}")" --argjson cn "$(json_list "${client[$w.nginx]}")" \
    --argjson oc "$(json_list "${other[$w.conduit]}")" --argjson on "$(json_list "${other[$w.nginx]}")" \
    '{workload: $w, unit: $unit, conduit: $rc, nginx: $rn, ratio_conduit_over_nginx: $ratio,
      wall_seconds: {conduit: $wc, nginx: $wn},
      server_cpu_seconds: {conduit: $sc, nginx: $sn},
      client_cpu_seconds: {conduit: $cc, nginx: $cn},
      other_processes_cpu_seconds: {conduit: $oc, nginx: $on}}')")
done

cpu_model="$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
facts="$(jq -n --arg nproc "$(nproc)" --arg kernel "$(uname -r)" --arg cpu "$cpu_model" \
  --arg mem "$(free -b | awk '/^Mem:/ {print $2}')" \
  --arg java "$(java -version 2>&1 | head -1)" --arg nginx "$(nginx -v 2>&1 | sed 's/^nginx version: //')" \
  --arg curl "$(curl --version | head -1)" \
  --arg tls_conduit "$(tls_of conduit)" --arg tls_nginx "$(tls_of nginx)" \
  --arg load "$load_before" --arg load_after "$(cut -d' ' -f1-3 /proc/loadavg)" \
  --arg commit "$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)" \
  '{nproc: ($nproc | tonumber), kernel: $kernel, cpu: $cpu, memory_bytes: ($mem | tonumber), java: $java,
    nginx: $nginx, curl: $curl, tls: {conduit: $tls_conduit, nginx: $tls_nginx}, conduit_commit: $commit,
    loadavg_before: $load, loadavg_after: $load_after}')"

printf '\n%s\n\n' "$table"
printf 'machine: %s cores (%s), %s GiB, kernel %s; load average %s before, %s after\n' "$(nproc)" "$cpu_model" \
  "$(free -g | awk '/^Mem:/ {print $2}')" "$(uname -r)" "$load_before" "$(jq -r .loadavg_after <<<"$facts")"
printf 'servers: Conduit %s on %s; nginx %s\n' "$(jq -r .conduit_commit <<<"$facts")" "$(jq -r .java <<<"$facts")" \
  "$(jq -r .nginx <<<"$facts")"
printf 'TLS: Conduit %s; nginx %s\n' "$(jq -r .tls.conduit <<<"$facts")" "$(jq -r .tls.nginx <<<"$facts")"
printf 'work: large file %s bytes; %s files of %s bytes over %s parallel curl processes; median of %s runs; MB = 10^6 bytes\n' \
  "$size_bytes" "$FILES" "$SMALL" "$PAR" "$N"

if [ "${NO_RESULTS:-0}" != 1 ]; then
  mkdir -p "$RESULTS"
  out="$RESULTS/https-$(date -u +%Y-%m-%dT%H%M%SZ).json"
  printf '%s\n' "${rows[@]}" | jq -s --argjson facts "$facts" \
    --arg date "$(date -u +%Y-%m-%dT%H:%M:%SZ)" --arg table "$table" \
    --argjson size "$size_bytes" --argjson files "$FILES" --argjson small "$SMALL" --argjson par "$PAR" \
    --argjson n "$N" --argjson warmup "$WARMUP" --argjson quiet "${QUIET_WAIT:-60}" \
    '{benchmark: "https", date: $date,
      settings: {large_bytes: $size, small_files: $files, small_bytes: $small, parallel_clients: $par,
                 runs: $n, statistic: "median", client: "curl --http1.1", warmup_small_requests: $warmup,
                 quiet_wait_seconds: $quiet},
      machine: $facts, results: ., table: ($table | split("\n"))}' >"$out"
  log "wrote $out"
fi
