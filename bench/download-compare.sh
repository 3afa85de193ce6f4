#!/usr/bin/env bash
# Download benchmark: Inet (news robot and `inet nzb get`, as `dotnet tool install` installs them from
# scripts/pack.sh's packages) against NZBGet and against the server's ceiling (bench/peers/body-sink: the
# same connections pipelining BODY and throwing the bytes away), on the same yEnc articles served over
# loopback by INN2 and by Inet's embedded server, in one run.
#
#   bench/download-compare.sh [--size MIB] [--connections N] [--pipeline D] [--repeat R]
#                             [--servers inn2,embedded] [--scaling-size MIB] [--no-scaling]
#                             [--scaling-server inn2|embedded] [--setup-only] [--no-publish]
#                             [--inet-source DIR]   (another checkout of Inet to build and measure)
#
# Setup is cached under $INET_BENCH_DATA/download (default <temp>/inet-bench/download): the files,
# their SHA-256 sums, one NZB per server (written by `inet news post --nzb`) and the embedded
# server's store folder. A set is reposted only when STAT of its first or last message-id fails.
# Needs root for INN2 (scripts/servers/inn2.sh) and to install nzbget; see bench/README.md.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)

SIZE=1070               # MiB; the full set (300+250+200+150+120+50 MiB) is just over 1 GiB
CONNECTIONS=8
PIPELINE=8
REPEAT=1
SERVERS=inn2,embedded
SCALING=1
SCALING_SIZE=256
SCALING_SERVER=inn2
SETUP_ONLY=0
PUBLISH_INET=1
INET_SOURCE=$ROOT
GROUP=inet.test.binaries
while [ $# -gt 0 ]; do
  case $1 in
    --size) SIZE=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --pipeline) PIPELINE=$2; shift 2 ;;
    --repeat) REPEAT=$2; shift 2 ;;
    --servers) SERVERS=$2; shift 2 ;;
    --scaling-size) SCALING_SIZE=$2; shift 2 ;;
    --scaling-server) SCALING_SERVER=$2; shift 2 ;;
    --no-scaling) SCALING=0; shift ;;
    --setup-only) SETUP_ONLY=1; shift ;;
    --no-publish) PUBLISH_INET=0; shift ;;
    --inet-source) INET_SOURCE=$(cd "$2" && pwd); shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

DATA=${INET_BENCH_DATA:-${TMPDIR:-/tmp}/inet-bench}/download
# One publish folder per source tree: publish copies only files newer than those already there.
PUBLISH=$DATA/inet-publish
[ "$INET_SOURCE" = "$ROOT" ] || PUBLISH=$DATA/inet-publish-$(printf %s "$INET_SOURCE" | cksum | cut -d' ' -f1)
# The measured tool is the installed one: scripts/pack.sh's packages, then `dotnet tool install` (on linux-x64
# the native package, which starts the build for this CPU's level). The framework-dependent build (what every
# other platform gets) is measured as "-jit" rows.
INET=$PUBLISH/tool/inet
INET_JIT=$PUBLISH/jit/Inet.Cli
INET_CPU=$PUBLISH/aot/Inet.Cli   # scripts/publish-native.sh: one native build for exactly this CPU
SINK=$DATA/body-sink/BodySink
RUNS=$DATA/runs
RESULTS=$DATA/results.tsv
WORK=$DATA/work
mkdir -p "$DATA" "$RUNS"
log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

EMBEDDED_PID=
NNRPD_PID=
cleanup() {
  if [ -n "$NNRPD_PID" ] && kill -0 "$NNRPD_PID" 2>/dev/null; then
    kill "$NNRPD_PID" 2>/dev/null || true
    rm -f "/run/news/nnrpd-$INN2_PORT.pid"
  fi
  if [ -n "$EMBEDDED_PID" ] && kill -0 "$EMBEDDED_PID" 2>/dev/null; then
    kill "$EMBEDDED_PID" 2>/dev/null || true
    wait "$EMBEDDED_PID" 2>/dev/null || true
  fi
}
trap cleanup EXIT

# ---------------------------------------------------------------- tools
build_inet() {
  if [ "$PUBLISH_INET" = 0 ] && [ -x "$INET" ] && [ -x "$INET_JIT" ] && [ -x "$INET_CPU" ]; then return 0; fi
  log "packing and installing Inet.Cli (scripts/pack.sh, dotnet tool install) into $PUBLISH; framework-dependent build"
  # PublishAot=false: the project publishes native by default (PublishAot=true), even without a runtime identifier.
  rm -rf "$PUBLISH/jit"
  dotnet publish -c Release "$INET_SOURCE/src/Inet.Cli" -p:PublishAot=false -o "$PUBLISH/jit" -nologo -v quiet >"$DATA/publish.log" 2>&1 \
    || { tail -20 "$DATA/publish.log" >&2; die "dotnet publish failed"; }
  "$INET_SOURCE/scripts/publish-native.sh" "$PUBLISH/aot" >>"$DATA/publish.log" 2>&1 \
    || { tail -20 "$DATA/publish.log" >&2; die "native publish failed"; }
  "$HERE/install-tool.sh" "$PUBLISH" "$INET_SOURCE" || die "installing the tool failed"
  log "installed: $("$INET" --version --verbose | sed -n 2p)"
}

build_sink() {
  [ -x "$SINK" ] && [ "$SINK" -nt "$HERE/peers/body-sink/Program.cs" ] && return 0
  dotnet publish -c Release -r linux-x64 "$HERE/peers/body-sink" -o "$DATA/body-sink" -nologo -v quiet >"$DATA/sink.log" 2>&1 \
    || { tail -20 "$DATA/sink.log" >&2; die "building body-sink failed"; }
}

ensure_nzbget() { "$HERE/peers/nzbget/install.sh"; }

# True when this build has the NZB download engine (`inet nzb get`).
have_nzb_get() { "$INET" nzb get --help 2>/dev/null | grep -q -- --pipeline; }

# ---------------------------------------------------------------- servers
# innd on 119 answers in transit mode until MODE READER (Debian lists localhost as a peer), and NZBGet
# never sends MODE READER; so every client talks to a plain nnrpd daemon of the same INN instead
# (same spool, overview and readers.conf as the readers that innd hands over to nnrpd).
start_inn2() {
  "$ROOT/scripts/servers/inn2.sh" start >/dev/null
  local port pidfile
  for port in 11190 11191 11192 11193; do
    pidfile=/run/news/nnrpd-$port.pid
    if [ -f "$pidfile" ] && [ "$(cat "/proc/$(cat "$pidfile")/comm" 2>/dev/null)" = nnrpd ]; then
      INN2_PORT=$port; return 0   # one left running by someone else: use it, leave it running
    fi
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      rm -f "$pidfile"   # stale (its process is gone): wait for the new one below
      /usr/lib/news/bin/nnrpd -D -4 127.0.0.1 -p "$port" </dev/null >"$DATA/nnrpd.log" 2>&1 \
        || die "nnrpd -D did not start (see $DATA/nnrpd.log)"
      local i
      for i in $(seq 1 50); do [ -s "$pidfile" ] && break; sleep 0.1; done
      NNRPD_PID=$(cat "$pidfile"); INN2_PORT=$port
      return 0
    fi
  done
  die "no free port for nnrpd"
}

start_embedded() {
  local store=$1 out=$DATA/embedded-serve.log
  mkdir -p "$store"
  if [ -n "$EMBEDDED_PID" ] && kill -0 "$EMBEDDED_PID" 2>/dev/null; then return 0; fi
  "$INET" serve --folder "$store" --port 0 --group "$GROUP" >"$out" 2>&1 &
  EMBEDDED_PID=$!
  local i
  for i in $(seq 1 600); do
    # The whole line, not a partly flushed one: it ends with "Press Ctrl+C to stop."
    if grep -q '^Listening on .*stop\.' "$out"; then
      EMBEDDED_PORT=$(sed -n 's/^Listening on [^ ]*:\([0-9][0-9]*\) .*/\1/p' "$out" | head -1)
      [ -n "$EMBEDDED_PORT" ] || die "cannot read the port of inet serve from $out"
      return 0
    fi
    kill -0 "$EMBEDDED_PID" 2>/dev/null || { cat "$out" >&2; die "inet serve exited"; }
    sleep 0.2
  done
  die "inet serve did not start (see $out)"
}

port_of() {
  local port
  case $1 in inn2) port=${INN2_PORT:-} ;; embedded) port=${EMBEDDED_PORT:-} ;; esac
  [ -n "$port" ] || die "no port for server $1"
  echo "$port"
}

# ---------------------------------------------------------------- data set
# File sizes in MiB for a set of SIZE MiB: the full 1070 MiB list, scaled down for quick runs.
set_sizes() {
  local size=$1 s
  for s in 300 250 200 150 120 50; do
    if [ "$size" -ge 1070 ]; then echo "$s"; else echo $(( (s * size + 535) / 1070 > 0 ? (s * size + 535) / 1070 : 1 )); fi
  done
}

make_files() {
  local set=$1 size=$2 i=0 mib f
  mkdir -p "$set/files"
  [ -f "$set/files.sha256" ] && return 0
  log "generating $size MiB of files in $set/files"
  for mib in $(set_sizes "$size"); do
    i=$((i + 1))
    f=$(printf '%s/files/inetbench-%s-%02d.bin' "$set" "$size" "$i")
    # AES-CTR keystream: incompressible and reproducible from the file name.
    openssl enc -aes-128-ctr -nosalt -pbkdf2 -pass "pass:$(basename "$f")" </dev/zero 2>/dev/null \
      | head -c $((mib * 1048576)) >"$f" || true   # openssl ends on SIGPIPE
    [ "$(stat -c %s "$f")" = $((mib * 1048576)) ] || die "could not generate $f"
  done
  (cd "$set/files" && sha256sum -- *.bin) >"$set/files.sha256.tmp"
  mv "$set/files.sha256.tmp" "$set/files.sha256"
}

# First and last message-id of an NZB.
nzb_ids() { grep -o '<segment[^>]*>[^<]*</segment>' "$1" | sed 's/.*>\([^<]*\)<\/segment>/\1/' | sed -n '1p;$p'; }

nzb_present() {
  local nzb=$1 port=$2 id
  [ -s "$nzb" ] || return 1
  for id in $(nzb_ids "$nzb"); do
    "$INET" nntp "nntp://127.0.0.1:$port" stat "<$id>" >/dev/null 2>&1 || return 1
  done
}

# post_set SET SERVER: posts the set's files to SERVER once; later runs find them with STAT.
post_set() {
  local set=$1 server=$2 port nzb=$1/$2.nzb tag
  port=$(port_of "$server")
  if nzb_present "$nzb" "$port"; then log "$server already has $(basename "$set") ($nzb)"; return 0; fi
  tag=$(date -u +%Y%m%d%H%M%S)-$RANDOM
  log "posting $(basename "$set") to $server (tag $tag)"
  local start=$SECONDS
  "$INET" news post "nntp://127.0.0.1:$port/$GROUP" "$set"/files/*.bin --subject "inetbench $tag" \
    --nzb "$nzb.tmp" --connections 4 --json >"$set/$server.post.json" 2>"$set/$server.post.log" \
    || { tail -5 "$set/$server.post.log" >&2; die "posting to $server failed"; }
  mv "$nzb.tmp" "$nzb"
  echo "$tag" >"$set/$server.tag"
  log "posted to $server in $((SECONDS - start)) s"
}

# ---------------------------------------------------------------- measuring
# verify SET DIR: every file of the set is in DIR (any depth) with the right SHA-256.
verify() {
  local set=$1 dir=$2 sum name found bad=0
  while read -r sum name; do
    found=$(find "$dir" -type f -name "$name" -print -quit)
    if [ -z "$found" ] || [ "$(sha256sum <"$found" | cut -d' ' -f1)" != "$sum" ]; then bad=$((bad + 1)); fi
  done <"$set/files.sha256"
  if [ "$bad" = 0 ]; then echo ok; else echo "BAD($bad)"; fi
}

set_bytes() { du -b --apparent-size -c "$1"/files/*.bin | tail -1 | cut -f1; }

# measure SET SERVER CLIENT CONNS DEPTH BUILDER ARGS...: BUILDER ARGS sets CMD (the client's command
# line), which runs under /usr/bin/time with $WORK as its output folder; the output is checked
# against the set's SHA-256 sums and a row is appended to $RESULTS:
# set server client conns depth wall user sys maxrss_kb bytes verified
measure() {
  local set=$1 server=$2 client=$3 conns=$4 depth=$5; shift 5
  local label rc=0
  label=$(basename "$set")-$server-$client-c$conns${depth:+-p$depth}
  local tf=$RUNS/$label.time
  rm -rf "$WORK"; mkdir -p "$WORK"
  "$@"
  sync
  log "run $label"
  /usr/bin/time -f '%e %U %S %M' -o "$tf" "${CMD[@]}" >"$RUNS/$label.log" 2>&1 || rc=$?
  local wall user sys rss ok
  read -r wall user sys rss < <(tail -1 "$tf") || true
  [ "$rc" = 0 ] || log "$label exited $rc (see $RUNS/$label.log)"
  if [ "$client" = ceiling ]; then   # writes no files: its own exit status says every body arrived
    if [ "$rc" = 0 ]; then ok=ok; else ok="BAD(exit $rc)"; fi
  else
    ok=$(verify "$set" "$WORK")
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(basename "$set")" "$server" "$client" "$conns" "${depth:--}" \
    "$wall" "$user" "$sys" "$rss" "$(set_bytes "$set")" "$ok" >>"$RESULTS"
  rm -rf "$WORK"
}

cmd_nzbget() { # SET SERVER CONNECTIONS DIR
  CMD=("$HERE/peers/nzbget/get.sh" 127.0.0.1 "$(port_of "$2")" "$3" "$1/$2.nzb" "$4")
}

cmd_ceiling() { # SET SERVER CONNECTIONS PIPELINE DIR
  CMD=("$SINK" 127.0.0.1 "$(port_of "$2")" "$1/$2.nzb" "$3" "$4")
}

cmd_robot() { # SET SERVER CONNECTIONS PIPELINE DIR
  local set=$1 port tag
  port=$(port_of "$2")
  tag=$(cat "$set/$2.tag")
  CMD=("$INET" news fetch "nntp://127.0.0.1:$port/$GROUP" -o "$5" --subject "^inetbench $tag " \
    --connections "$3" --pipeline "$4" --json)
}

cmd_engine() { # SET SERVER CONNECTIONS PIPELINE DIR
  CMD=("$INET" nzb get "$1/$2.nzb" --server "nntp://127.0.0.1:$(port_of "$2")" -o "$5" \
    --connections "$3" --pipeline "$4" --no-par2 --json)
}

# The same with the framework-dependent build: the JIT compiles the hot code during the run.
cmd_robot_jit() { cmd_robot "$@"; CMD=("$INET_JIT" "${CMD[@]:1}"); }
cmd_engine_jit() { cmd_engine "$@"; CMD=("$INET_JIT" "${CMD[@]:1}"); }
# And with the build for exactly this CPU (scripts/publish-native.sh), against which the installed tool is judged.
cmd_engine_cpu() { cmd_engine "$@"; CMD=("$INET_CPU" "${CMD[@]:1}"); }
# And the installed tool held to its x86-64-v2 build (SSSE3 kernels), what a CPU without AVX2 runs.
cmd_engine_v2() { cmd_engine "$@"; CMD=(env INET_CPU_LEVEL=x86-64-v2 "${CMD[@]}"); }
# And held to its x86-64-v3 build (AVX2 kernels): on an AVX-512 machine, what a CPU without AVX-512 runs.
cmd_engine_v3() { cmd_engine "$@"; CMD=(env INET_CPU_LEVEL=x86-64-v3 "${CMD[@]}"); }

# Clients of the comparison: label and command builder. A new Inet client is one line here.
# inet_clients main: also the variants measured only in the main comparison.
inet_clients() {
  echo "robot cmd_robot"
  [ "${1:-}" = main ] && echo "robot-jit cmd_robot_jit"
  if have_nzb_get; then
    echo "nzb-get cmd_engine"
    [ "${1:-}" = main ] && printf '%s\n' "nzb-get-jit cmd_engine_jit" "nzb-get-cpu cmd_engine_cpu" "nzb-get-v3 cmd_engine_v3" "nzb-get-v2 cmd_engine_v2"
  fi
  return 0
}

# Fixed cost of each client: one download of a single article (the first part of the first file),
# best wall of three. NZBGet's standalone mode spends most of a second besides the transfer.
one_article_nzb() { # SET SERVER -> path of an NZB with only the first segment of the first file
  local out=$DATA/one-article-$2.nzb
  python3 - "$1/$2.nzb" "$out" <<'EOF'
import re, sys
text = open(sys.argv[1]).read()
first = re.search(r"<file.*?</file>", text, re.S).group(0)
first = re.sub(r"(<segments>\s*<segment[^>]*>[^<]*</segment>).*?(</segments>)", r"\1\2", first, flags=re.S)
open(sys.argv[2], "w").write(text[:text.index("<file")] + first + "\n</nzb>\n")
EOF
  echo "$out"
}

fixed_cost() { # SET SERVER: prints "client wall user+sys" lines
  local set=$1 s=$2 nzb port tag client best i t
  nzb=$(one_article_nzb "$set" "$s"); port=$(port_of "$s"); tag=$(cat "$set/$s.tag")
  for client in nzbget robot nzb-get; do
    case $client in
      nzbget) CMD=("$HERE/peers/nzbget/get.sh" 127.0.0.1 "$port" "$CONNECTIONS" "$nzb" "$WORK") ;;
      robot) CMD=("$INET" news fetch "nntp://127.0.0.1:$port/$GROUP" -o "$WORK" --connections "$CONNECTIONS" \
               --subject "^inetbench $tag \\[1/.*\\(1/[0-9]+\\)\$" --json) ;;
      nzb-get) have_nzb_get || continue
               CMD=("$INET" nzb get "$nzb" --server "nntp://127.0.0.1:$port" -o "$WORK" --connections "$CONNECTIONS" --no-par2 --json) ;;
    esac
    best=
    for i in 1 2 3; do
      rm -rf "$WORK"; mkdir -p "$WORK"
      /usr/bin/time -f '%e %U %S' -o "$RUNS/fixed.time" "${CMD[@]}" >"$RUNS/fixed-$s-$client.log" 2>&1 || true
      t=$(tail -1 "$RUNS/fixed.time" | awk '{ printf "%.2f %.2f", $1, $2 + $3 }')
      if [ -z "$best" ] || awk -v a="${t%% *}" -v b="${best%% *}" 'BEGIN { exit !(a < b) }'; then best=$t; fi
    done
    rm -rf "$WORK"
    echo "$s $client $best"
  done
}

# ---------------------------------------------------------------- report
print_table() {
  python3 - "$RESULTS" <<'EOF'
import sys
rows, order = {}, []
for line in open(sys.argv[1]):
    st, server, client, conns, depth, wall, user, sys_, rss, size, ok = line.rstrip("\n").split("\t")
    st = st.removeprefix("set-")
    key = (st, server, client, conns, depth)
    r = dict(wall=float(wall), cpu=float(user) + float(sys_), rss=int(rss) / 1024, size=int(size), ok=ok)
    if key not in rows:
        order.append(key)
        rows[key] = []
    rows[key].append(r)
# --repeat: the median wall time and the median CPU time of the runs (each taken on its own), the highest RSS.
def median(values):
    values = sorted(values)
    return values[len(values) // 2] if len(values) % 2 else (values[len(values) // 2 - 1] + values[len(values) // 2]) / 2
for key, runs in rows.items():
    rows[key] = dict(wall=median([r["wall"] for r in runs]), cpu=median([r["cpu"] for r in runs]), rss=max(r["rss"] for r in runs),
                     size=runs[0]["size"], ok="ok" if all(r["ok"] == "ok" for r in runs) else "BAD", n=len(runs))
gib = 1024 ** 3
def mbs(r): return r["size"] / 1e6 / r["wall"]
def cpug(r): return r["cpu"] / (r["size"] / gib)
print(f"{'set':<6} {'server':<9} {'client':<11} {'conn':>4} {'pipe':>4} {'MB/s':>7} {'wall s':>7} {'CPU s':>6} {'CPU s/GiB':>9} {'RSS MB':>6} {'files':>6} {'speed x':>7} {'CPU/GiB x':>9} {'of ceiling':>10}")
for key in order:
    st, server, client, conns, depth = key
    r = rows[key]
    peer = rows.get((st, server, "nzbget", conns, "-"))
    ratio = cpu_ratio = ""
    if peer and client != "nzbget":
        ratio, cpu_ratio = f"{mbs(r) / mbs(peer):.2f}x", f"{cpug(r) / cpug(peer):.2f}x"
    ceiling = rows.get((st, server, "ceiling", conns, depth))
    of_ceiling = f"{mbs(r) / mbs(ceiling):.0%}" if ceiling and client not in ("ceiling", "nzbget") else ""
    if client == "ceiling":
        ratio = cpu_ratio = ""
    print(f"{st:<6} {server:<9} {client:<11} {conns:>4} {depth:>4} {mbs(r):7.1f} {r['wall']:7.1f} {r['cpu']:6.1f} {cpug(r):9.2f} {r['rss']:6.0f} {r['ok']:>6} {ratio:>7} {cpu_ratio:>9} {of_ceiling:>10}")
EOF
}

# ---------------------------------------------------------------- main
main() {
  build_inet
  build_sink
  ensure_nzbget
  local servers=() s
  IFS=, read -r -a servers <<<"$SERVERS"
  [ "$SCALING" = 1 ] && [[ ",$SERVERS," != *",$SCALING_SERVER,"* ]] && servers+=("$SCALING_SERVER")
  for s in "${servers[@]}"; do
    case $s in
      inn2) start_inn2 ;;
      embedded) ;; # started per set below (its store folder belongs to the set)
      *) die "unknown server $s" ;;
    esac
  done

  local main_set=$DATA/set-${SIZE}M scale_set=$DATA/set-${SCALING_SIZE}M
  local setup_start=$SECONDS
  make_files "$main_set" "$SIZE"
  [ "$SCALING" = 1 ] && make_files "$scale_set" "$SCALING_SIZE"
  for s in "${servers[@]}"; do
    [ "$s" = embedded ] && start_embedded "$DATA/embedded-store"
    post_set "$main_set" "$s"
    [ "$SCALING" = 1 ] && [ "$s" = "$SCALING_SERVER" ] && post_set "$scale_set" "$s"
  done
  log "setup took $((SECONDS - setup_start)) s"
  [ "$SETUP_ONLY" = 1 ] && return 0

  : >"$RESULTS"
  local run_start=$SECONDS r client fn
  for s in "${servers[@]}"; do
    [[ ",$SERVERS," == *",$s,"* ]] || continue
    [ "$s" = embedded ] && start_embedded "$DATA/embedded-store"
    for r in $(seq 1 "$REPEAT"); do
      measure "$main_set" "$s" nzbget "$CONNECTIONS" "" cmd_nzbget "$main_set" "$s" "$CONNECTIONS" "$WORK"
      measure "$main_set" "$s" ceiling "$CONNECTIONS" "$PIPELINE" cmd_ceiling "$main_set" "$s" "$CONNECTIONS" "$PIPELINE" "$WORK"
      while read -r client fn; do
        measure "$main_set" "$s" "$client" "$CONNECTIONS" "$PIPELINE" \
          "$fn" "$main_set" "$s" "$CONNECTIONS" "$PIPELINE" "$WORK"
      done < <(inet_clients main)
    done
  done

  local fixed=$DATA/fixed.txt
  : >"$fixed"
  for s in "${servers[@]}"; do
    [[ ",$SERVERS," == *",$s,"* ]] || continue
    [ "$s" = embedded ] && start_embedded "$DATA/embedded-store"
    log "fixed cost on $s (one article, three tries)"
    fixed_cost "$main_set" "$s" >>"$fixed"
  done

  if [ "$SCALING" = 1 ]; then
    s=$SCALING_SERVER
    [ "$s" = embedded ] && start_embedded "$DATA/embedded-store"
    local c p
    for r in $(seq 1 "$REPEAT"); do
      for c in 1 2 4 8 16; do
        measure "$scale_set" "$s" nzbget "$c" "" cmd_nzbget "$scale_set" "$s" "$c" "$WORK"
        for p in 1 4 16; do
          while read -r client fn; do
            measure "$scale_set" "$s" "$client" "$c" "$p" "$fn" "$scale_set" "$s" "$c" "$p" "$WORK"
          done < <(inet_clients)
        done
      done
    done
  fi
  log "runs took $((SECONDS - run_start)) s"

  echo
  echo "Download over loopback; $(nproc) cores shared with other work (load: $(cut -d' ' -f1-3 /proc/loadavg))."
  echo "MB/s = 10^6 bytes of decoded file data per wall second; CPU = user+sys of the client process;"
  echo "x = Inet / NZBGet at the same server and connection count (speed: higher is better, CPU: lower)."
  echo "Main set: $SIZE MiB; scaling set: $SCALING_SIZE MiB on $SCALING_SERVER. Raw rows: $RESULTS"
  local startup
  startup=$( { /usr/bin/time -f '%e %U %S' "$INET" --version >/dev/null; } 2>&1 | tail -1)
  echo "Inet start-up alone (inet --version): wall, user, sys s = $startup (part of every Inet row)."
  print_table
  if [ -s "$fixed" ]; then
    echo
    echo "Fixed cost, one article (best of 3): server client wall-s cpu-s"
    sed 's/^/  /' "$fixed"
  fi
}

main
