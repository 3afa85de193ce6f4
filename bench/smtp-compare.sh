#!/usr/bin/env bash
# SMTP benchmark: the installed `inet mail send` against Postfix's smtp-source and MailKit, whole processes
# (start-up included), on the script's own loopback smtp-sink (discard mode), in one run (issue 17).
#   bulk: N messages of K KiB over C connections. inet and MailKit send the same .eml files; smtp-source makes
#         its own messages of the same size, with a new connection per message (its default, the issue's
#         command) and, as an extra row, with -d (sessions kept open). MailKit twice: as SmtpClient connects
#         by itself (Nagle on) and on a socket with TCP_NODELAY (bench/peers/mailkit-smtp).
#   big:  one 50 MiB .eml sent by inet alone; its peak RSS is the figure.
# Rounds alternate the clients; each row reports the best and the median of each side, the ratio
# (peer time / inet time: above 1 means inet is faster) and peak RSS.
#
#   bench/smtp-compare.sh [--messages N] [--kib K] [--connections C] [--rounds R] [--only bulk,big] [--no-install]
#
# Needs root (apt-get install postfix; smtp-sink drops to nobody). Data lives under $INET_BENCH_DATA/smtp
# (default <temp>/inet-bench/smtp); results in $INET_BENCH_DATA/smtp/results.tsv.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)

MESSAGES=2000 KIB=10 CONNECTIONS=4 ROUNDS=5 ONLY=bulk,big INSTALL=1 BIG_MIB=50
while [ $# -gt 0 ]; do
  case $1 in
    --messages) MESSAGES=$2; shift 2 ;;
    --kib) KIB=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --only) ONLY=$2; shift 2 ;;
    --no-install) INSTALL=0; shift ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

DATA=${INET_BENCH_DATA:-${TMPDIR:-/tmp}/inet-bench}/smtp
INET=$DATA/tool/inet
MAILKIT=$DATA/mailkit-smtp/MailKitSmtp
RUNS=$DATA/runs
RESULTS=$DATA/results.tsv
MAIL=$DATA/mail-$MESSAGES-$KIB
BIG=$DATA/big-$BIG_MIB.eml
FROM=a@example.test TO=b@example.test
mkdir -p "$DATA" "$RUNS"
# ---------------------------------------------------------------- setup
. "$ROOT/scripts/servers/common.sh"
log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; } # after common.sh, which has its own
die() { log "error: $*"; exit 1; }
[ "$(id -u)" = 0 ] || die "run as root (apt-get install postfix; smtp-sink -u nobody)"
if ! command -v smtp-sink >/dev/null || ! command -v smtp-source >/dev/null; then
  # No main.cf is written and postfix is not started (reference/servers.md, section 4).
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  apt_install postfix >/dev/null || die "could not install postfix"
fi
apt_install time >/dev/null || die "could not install time"

if [ "$INSTALL" = 1 ] || [ ! -x "$INET" ]; then
  log "packing and installing Inet.Cli into $DATA/tool"
  "$HERE/install-tool.sh" "$DATA" || die "installing the tool failed"
fi
CPU=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
VERSION=$("$INET" --version --verbose | tr '\n' ' ' | sed 's/ *$//')
log "cpu: $CPU ($(nproc) cores)"
log "inet: $VERSION"

# The MailKit peer: framework-dependent Release build, rebuilt when its source is newer.
if [[ ,$ONLY, == *,bulk,* ]] && { [ ! -x "$MAILKIT" ] || [ "$HERE/peers/mailkit-smtp/Program.cs" -nt "$MAILKIT" ]; }; then
  log "publishing bench/peers/mailkit-smtp (Release, framework-dependent)"
  dotnet publish -c Release "$HERE/peers/mailkit-smtp" -o "$DATA/mailkit-smtp" -nologo -v quiet >"$DATA/mailkit.log" 2>&1 \
    || { tail -20 "$DATA/mailkit.log" >&2; die "building mailkit-smtp failed"; }
fi

# Our own smtp-sink on a free loopback port, discard mode; -c keeps a running count of completed DATA
# commands on its stdout, which is how each run's deliveries are checked. Stopped by pid at exit.
# shellcheck disable=SC2046
PORT=$(first_free_port $(seq 25250 25299)) || die "no free port in 25250-25299"
SINK_LOG=$DATA/sink.log
smtp-sink -u nobody -c "127.0.0.1:$PORT" 256 >"$SINK_LOG" 2>&1 &
SINK_PID=$!
trap 'stop_pid "$SINK_PID" "$PORT"' EXIT
wait_port "$PORT" || die "smtp-sink did not listen on $PORT"
log "smtp-sink (pid $SINK_PID) on 127.0.0.1:$PORT"
sink_count() { { tr '\r' '\n' <"$SINK_LOG" | grep -o 'mesg=[0-9]*' | tail -1 | cut -d= -f2; } || true; }
wait_count() { # EXPECTED: waits up to 3 s for the sink's counter to reach it, prints the last value
  local i c=0
  for ((i = 0; i < 30; i++)); do
    c=$(sink_count); c=${c:-0}
    [ "$c" -ge "$1" ] && break
    sleep 0.1
  done
  echo "$c"
}

# ---------------------------------------------------------------- data (written once)
make_data() {
  python3 - "$MAIL" "$MESSAGES" "$KIB" "$BIG" "$BIG_MIB" "$FROM" "$TO" <<'PY'
import base64, os, sys
folder, count, kib, big, big_mib, sender, rcpt = sys.argv[1:]
count, size, big_size = int(count), int(kib) * 1024, int(big_mib) * 1048576
def message(i, size, tag):
    head = (f"From: <{sender}>\r\nTo: <{rcpt}>\r\nSubject: inet bench {tag} {i}\r\n"
            f"Message-ID: <bench-{tag}-{i}@example.test>\r\nMIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=us-ascii\r\n\r\n").encode()
    n = size - len(head)                  # body: 76-character base64 lines, CRLF, the last one cut to fit
    text = base64.b64encode(os.urandom(n * 3 // 4 + 64))
    lines, at = [], 0
    while n > 78:
        lines.append(text[at:at + 76] + b"\r\n"); at += 76; n -= 78
    lines.append(text[at:at + n - 2] + b"\r\n")
    body = b"".join(lines)
    assert len(head) + len(body) == size
    return head + body
names = [os.path.join(folder, f"m{i:06}.eml") for i in range(count)]
if not all(os.path.exists(p) and os.path.getsize(p) == size for p in names):
    print(f"writing {count} messages of {size} bytes", file=sys.stderr)
    os.makedirs(folder, exist_ok=True)
    for i, p in enumerate(names):
        with open(p, "wb") as f:
            f.write(message(i, size, "bulk"))
if not (os.path.exists(big) and os.path.getsize(big) == big_size):
    print(f"writing one message of {big_size} bytes", file=sys.stderr)
    with open(big, "wb") as f:
        f.write(message(0, big_size, "big"))
PY
  mapfile -t FILES < <(find "$MAIL" -name 'm*.eml' | sort | head -n "$MESSAGES")
  [ "${#FILES[@]}" = "$MESSAGES" ] || die "expected $MESSAGES files in $MAIL"
}

# ---------------------------------------------------------------- commands (set CMD, EXPECT)
URL=smtp://127.0.0.1:$PORT
cmd() { # TEST CLIENT
  case $1-$2 in
    bulk-inet) CMD=("$INET" mail send "$URL" --from "$FROM" --to "$TO" --connections "$CONNECTIONS" "${FILES[@]}"); EXPECT=$MESSAGES ;;
    bulk-smtp-source) CMD=(smtp-source -s "$CONNECTIONS" -m "$MESSAGES" -l $((KIB * 1024)) -f "$FROM" -t "$TO" "127.0.0.1:$PORT"); EXPECT=$MESSAGES ;;
    bulk-smtp-source-d) CMD=(smtp-source -s "$CONNECTIONS" -d -m "$MESSAGES" -l $((KIB * 1024)) -f "$FROM" -t "$TO" "127.0.0.1:$PORT"); EXPECT=$MESSAGES ;;
    bulk-mailkit-nodelay) CMD=("$MAILKIT" --nodelay 127.0.0.1 "$PORT" "$FROM" "$TO" "$CONNECTIONS" "${FILES[@]}"); EXPECT=$MESSAGES ;;
    bulk-mailkit) CMD=("$MAILKIT" 127.0.0.1 "$PORT" "$FROM" "$TO" "$CONNECTIONS" "${FILES[@]}"); EXPECT=$MESSAGES ;;
    big-inet) CMD=("$INET" mail send "$URL" --from "$FROM" --to "$TO" "$BIG"); EXPECT=1 ;;
  esac
}

clients_of() { case $1 in bulk) echo inet smtp-source smtp-source-d mailkit-nodelay mailkit ;; big) echo inet ;; esac; }

run_one() { # TEST CLIENT ROUND
  local label=$1-$2-r$3 rc=0 before after start end wall user sys rss ok=ok last
  cmd "$1" "$2"
  before=$(sink_count); before=${before:-0}
  sync
  start=$(date +%s%N)
  /usr/bin/time -f '%e %U %S %M' -o "$RUNS/$label.time" "${CMD[@]}" >"$RUNS/$label.log" 2>&1 || rc=$?
  end=$(date +%s%N)
  wall=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
  read -r _ user sys rss < <(tail -1 "$RUNS/$label.time") || true
  after=$(wait_count $((before + EXPECT)))
  if [ "$rc" != 0 ]; then ok="BAD(exit $rc)"
  elif [ $((after - before)) != "$EXPECT" ]; then ok="BAD(sink counted $((after - before)) of $EXPECT)"
  elif [ "$2" = inet ]; then
    last=$(tail -1 "$RUNS/$label.log")
    [[ $last == "$EXPECT of $EXPECT messages delivered to every recipient"* ]] || ok="BAD(last line: $last)"
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$EXPECT" "$wall" "$user" "$sys" "$rss" "$ok" >>"$RESULTS"
  log "$label: ${wall}s wall, $(awk -v n="$EXPECT" -v w="$wall" 'BEGIN { printf "%.0f", n / w }') msg/s, ${rss} KB peak, $ok"
}

# ---------------------------------------------------------------- run
make_data
{
  printf '# cpu\t%s\n' "$CPU"
  printf '# inet\t%s\n' "$VERSION"
  printf '# setup\tmessages=%s kib=%s connections=%s rounds=%s big_mib=%s smtp-sink -c discard\n' "$MESSAGES" "$KIB" "$CONNECTIONS" "$ROUNDS" "$BIG_MIB"
  printf '# test\tclient\tround\tmessages\twall_s\tuser_s\tsys_s\tpeak_rss_kb\tcheck\n'
} >"$RESULTS"
IFS=, read -r -a TESTS <<<"$ONLY"
for ((r = 1; r <= ROUNDS; r++)); do
  for t in "${TESTS[@]}"; do
    read -r -a CLIENTS <<<"$(clients_of "$t")"
    [ "${#CLIENTS[@]}" -gt 0 ] || die "unknown test $t (bulk, big)"
    if ((r % 2 == 0)); then # even rounds run the clients in the reverse order
      for ((i = ${#CLIENTS[@]} - 1; i >= 0; i--)); do run_one "$t" "${CLIENTS[i]}" "$r"; done
    else
      for c in "${CLIENTS[@]}"; do run_one "$t" "$c" "$r"; done
    fi
  done
done

# ---------------------------------------------------------------- report
{
  echo "CPU: $CPU ($(nproc) cores); inet: $VERSION"
  echo
  python3 - "$RESULTS" "$MESSAGES" "$KIB" "$CONNECTIONS" "$BIG_MIB" <<'PY'
import sys, statistics, collections
path, n, kib, conns, big_mib = sys.argv[1:]
rows = [l.rstrip('\n').split('\t') for l in open(path) if l.strip() and not l.startswith('#')]
by = collections.defaultdict(list)
bad = [r for r in rows if r[8] != 'ok']
for t, c, _, count, wall, user, sys_, rss, ok in rows:
    if ok == 'ok':
        by[(t, c)].append((float(wall), float(user) + float(sys_), int(rss), int(count)))
names = {'inet': 'inet mail send', 'smtp-source': 'smtp-source (new connection per message)',
         'smtp-source-d': 'smtp-source -d (sessions kept open)', 'mailkit': f'MailKit SmtpClient x {conns} (ConnectAsync(host, port): Nagle on)',
         'mailkit-nodelay': f'MailKit SmtpClient x {conns} (own socket, TCP_NODELAY)'}
print('| test | client | best msg/s | median msg/s | best s | median s | ratio peer/inet time (best) | ratio (median) | CPU s (median) | peak RSS MB |')
print('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|')
for t, what in (('bulk', f'{n} x {kib} KiB, {conns} connections'), ('big', f'1 x {big_mib} MiB')):
    inet = by.get((t, 'inet'))
    for c in ('inet', 'smtp-source', 'smtp-source-d', 'mailkit-nodelay', 'mailkit'):
        runs = by.get((t, c))
        if not runs:
            continue
        walls = [x[0] for x in runs]
        count = runs[0][3]
        best, med = min(walls), statistics.median(walls)
        ratio = rmed = ''
        if c != 'inet' and inet:
            iw = [x[0] for x in inet]
            ratio, rmed = f'{best / min(iw):.2f}x', f'{med / statistics.median(iw):.2f}x'
        rates = f'{count / best:,.0f} | {count / med:,.0f}' if t == 'bulk' else '- | -'
        print(f'| {what} | {names[c]} | {rates} | {best:.3f} | {med:.3f} | {ratio} | {rmed}'
              f' | {statistics.median(x[1] for x in runs):.2f} | {max(x[2] for x in runs) / 1024:.1f} |')
big = by.get(('big', 'inet'))
if big:
    walls, size = [x[0] for x in big], int(big_mib) * 1048576
    print(f"\nbig: one {big_mib} MiB message in {min(walls):.3f} s best ({size / 1e6 / min(walls):.0f} MB/s), "
          f"{statistics.median(walls):.3f} s median ({size / 1e6 / statistics.median(walls):.0f} MB/s); "
          f"inet peak RSS {max(x[2] for x in big) / 1024:.1f} MB (target < 64 MB)")
if bad:
    print(f"\n{len(bad)} runs failed their check: " + ', '.join(f'{r[0]}-{r[1]}-r{r[2]} {r[8]}' for r in bad))
PY
} | tee "$DATA/summary.md"
