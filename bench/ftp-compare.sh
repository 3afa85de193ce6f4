#!/usr/bin/env bash
# FTP benchmark: the installed `inet ftp` against curl (get, put; plain and explicit FTPS) and lftp (mirror),
# whole processes (start-up included), on loopback vsftpd (scripts/servers/vsftpd.sh), in one run.
# Rounds alternate the two clients; each row reports the best and the median wall time of each side and
# their ratio (peer time / inet time: above 1 means inet is faster), and inet's peak RSS.
#
#   bench/ftp-compare.sh [--size MIB] [--files N] [--file-kib K] [--parallel P] [--rounds R]
#                        [--only get,get-tls,put,mirror] [--no-install]
#
# Needs root (vsftpd). Data lives under $INET_BENCH_DATA/ftp (default <temp>/inet-bench/ftp) and in the
# FTP user's home (inet-bench/); results in $INET_BENCH_DATA/ftp/results.tsv.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)

SIZE=512 FILES=500 FILE_KIB=4 PARALLEL=4 ROUNDS=5 ONLY=get,get-tls,put,mirror INSTALL=1
while [ $# -gt 0 ]; do
  case $1 in
    --size) SIZE=$2; shift 2 ;;
    --files) FILES=$2; shift 2 ;;
    --file-kib) FILE_KIB=$2; shift 2 ;;
    --parallel) PARALLEL=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --only) ONLY=$2; shift 2 ;;
    --no-install) INSTALL=0; shift ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

DATA=${INET_BENCH_DATA:-${TMPDIR:-/tmp}/inet-bench}/ftp
INET=$DATA/tool/inet
RUNS=$DATA/runs
RESULTS=$DATA/results.tsv
WORK=$DATA/work
mkdir -p "$DATA" "$RUNS"
log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }
[ "$(id -u)" = 0 ] || die "run as root (vsftpd)"

# ---------------------------------------------------------------- setup
. "$ROOT/scripts/servers/common.sh"
apt_install curl lftp >/dev/null || die "could not install curl and lftp"
"$ROOT/scripts/servers/vsftpd.sh" start >/dev/null || die "vsftpd did not start"
# shellcheck disable=SC1091
. "$INET_TEST_ENV_DIR/vsftpd.env"
H=$INET_TEST_FTP_HOST P=$INET_TEST_FTP_PORT U=$INET_TEST_FTP_USER W=$INET_TEST_FTP_PASS CA=${INET_TEST_FTP_CA:-}
REMOTE=$INET_TEST_FTP_HOME/inet-bench
OWNER=$(stat -c %U "$INET_TEST_FTP_HOME")

if [ "$INSTALL" = 1 ] || [ ! -x "$INET" ]; then
  log "packing and installing Inet.Cli into $DATA/tool"
  "$HERE/install-tool.sh" "$DATA" || die "installing the tool failed"
fi
log "inet: $("$INET" --version --verbose | tr '\n' ' ')"

make_data() {
  install -d -o "$OWNER" "$REMOTE" "$REMOTE/up"
  if [ "$(stat -c %s "$REMOTE/big.bin" 2>/dev/null || echo 0)" != $((SIZE * 1048576)) ]; then
    log "writing $SIZE MiB of random data"
    head -c $((SIZE * 1048576)) /dev/urandom > "$REMOTE/big.bin"
  fi
  if [ "$(find "$REMOTE/tree" -type f 2>/dev/null | wc -l)" != "$FILES" ]; then
    log "writing $FILES files of $FILE_KIB KiB"
    rm -rf "$REMOTE/tree"
    local i
    for ((i = 0; i < FILES; i++)); do
      mkdir -p "$REMOTE/tree/d$((i % 10))"
      head -c $((FILE_KIB * 1024)) /dev/urandom > "$REMOTE/tree/d$((i % 10))/f$i.bin"
    done
  fi
  chown -R "$OWNER" "$REMOTE"
  cp "$REMOTE/big.bin" "$DATA/upload.bin"
  BIG_SUM=$(sha256sum < "$REMOTE/big.bin" | cut -d' ' -f1)
}

# ---------------------------------------------------------------- commands (set CMD, CHECK)
URL=ftp://$U:$W@$H:$P/inet-bench
TLS_URL=ftps://$U:$W@$H:$P/inet-bench
cmd() { # TEST CLIENT
  case $1-$2 in
    get-inet) CMD=("$INET" ftp get "$URL/big.bin" -o "$WORK/big.bin") ;;
    get-curl) CMD=(curl -sS -u "$U:$W" "ftp://$H:$P/inet-bench/big.bin" -o "$WORK/big.bin") ;;
    get-tls-inet) CMD=("$INET" ftp get "$TLS_URL/big.bin" -o "$WORK/big.bin" --ca-file "$CA") ;;
    get-tls-curl) CMD=(curl -sS --ssl-reqd --cacert "$CA" -u "$U:$W" "ftp://$H:$P/inet-bench/big.bin" -o "$WORK/big.bin") ;;
    put-inet) CMD=("$INET" ftp put "$DATA/upload.bin" "$URL/up/big.bin") ;;
    put-curl) CMD=(curl -sS -u "$U:$W" -T "$DATA/upload.bin" "ftp://$H:$P/inet-bench/up/big.bin") ;;
    mirror-inet) CMD=("$INET" ftp mirror "$URL/tree/" "$WORK/tree" --parallel "$PARALLEL") ;;
    mirror-lftp) CMD=(lftp -u "$U,$W" -p "$P" -e "set ftp:ssl-allow no; mirror --parallel=$PARALLEL inet-bench/tree $WORK/tree; bye" "$H") ;;
  esac
}

check() { # TEST: prints ok or what is wrong
  case $1 in
    get|get-tls) [ "$(sha256sum < "$WORK/big.bin" | cut -d' ' -f1)" = "$BIG_SUM" ] && echo ok || echo BAD ;;
    put) cmp -s "$DATA/upload.bin" "$REMOTE/up/big.bin" && echo ok || echo BAD ;;
    mirror) diff -r -q "$REMOTE/tree" "$WORK/tree" >/dev/null 2>&1 && echo ok || echo BAD ;;
  esac
}

peer_of() { case $1 in mirror) echo lftp ;; *) echo curl ;; esac; }

run_one() { # TEST CLIENT ROUND
  local label=$1-$2-r$3 rc=0
  rm -rf "$WORK" "$REMOTE/up/big.bin"; mkdir -p "$WORK"
  cmd "$1" "$2"
  sync
  /usr/bin/time -f '%e %U %S %M' -o "$RUNS/$label.time" "${CMD[@]}" >"$RUNS/$label.log" 2>&1 || rc=$?
  local wall user sys rss ok
  read -r wall user sys rss < <(tail -1 "$RUNS/$label.time") || true
  ok=$(check "$1")
  [ "$rc" = 0 ] || ok="BAD(exit $rc)"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$wall" "$user" "$sys" "$rss" "$ok" >>"$RESULTS"
  log "$label: ${wall}s wall, ${rss} KB peak, $ok"
}

# ---------------------------------------------------------------- run
make_data
: >"$RESULTS"
IFS=, read -r -a TESTS <<<"$ONLY"
for ((r = 1; r <= ROUNDS; r++)); do
  for t in "${TESTS[@]}"; do
    if ((r % 2)); then run_one "$t" inet "$r"; run_one "$t" "$(peer_of "$t")" "$r"
    else run_one "$t" "$(peer_of "$t")" "$r"; run_one "$t" inet "$r"; fi
  done
done
rm -rf "$WORK" "$REMOTE/up/big.bin"

# ---------------------------------------------------------------- report
python3 - "$RESULTS" "$SIZE" "$FILES" "$FILE_KIB" "$PARALLEL" <<'PY'
import sys, statistics, collections
path, size, files, kib, par = sys.argv[1:]
rows = [l.rstrip('\n').split('\t') for l in open(path) if l.strip()]
by = collections.defaultdict(list)
bad = [r for r in rows if r[7] != 'ok']
for t, c, _, wall, user, sys_, rss, ok in rows:
    if ok == 'ok':
        by[(t, c)].append((float(wall), float(user) + float(sys_), int(rss)))
what = {'get': f'get {size} MiB, plain', 'get-tls': f'get {size} MiB, explicit FTPS', 'put': f'put {size} MiB, plain',
        'mirror': f'mirror {files} x {kib} KiB, parallel {par}'}
print('| test | peer | inet best s | peer best s | ratio (best) | ratio (median) | inet CPU s (median) | peer CPU s (median) | inet peak RSS MB |')
print('|---|---|---:|---:|---:|---:|---:|---:|---:|')
for t in what:
    peer = 'lftp' if t == 'mirror' else 'curl'
    a, b = by.get((t, 'inet')), by.get((t, peer))
    if not a or not b:
        continue
    aw, bw = [x[0] for x in a], [x[0] for x in b]
    print(f"| {what[t]} | {peer} | {min(aw):.2f} | {min(bw):.2f} | {min(bw)/min(aw):.2f}x | {statistics.median(bw)/statistics.median(aw):.2f}x"
          f" | {statistics.median(x[1] for x in a):.2f} | {statistics.median(x[1] for x in b):.2f} | {max(x[2] for x in a)/1024:.1f} |")
if bad:
    print(f"\n{len(bad)} runs failed their check: " + ', '.join(f'{r[0]}-{r[1]}-r{r[2]} {r[7]}' for r in bad))
PY
