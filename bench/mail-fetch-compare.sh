#!/usr/bin/env bash
# Mail fetch benchmark: the installed `inet mail fetch` against imaplib, poplib and MailKit, whole processes
# (start-up included), each run into a fresh Maildir, on the script's own private Dovecot (issue 18).
#   imap: N messages of K KiB from INBOX. inet (imap://, --starttls never); bench/peers/imaplib_fetch.py (one
#         connection, EXAMINE, UID SEARCH ALL, UID FETCH BODY.PEEK[] in batches of 100, tmp/ then new/);
#         MailKit ImapClient.GetStreams (bench/peers/mailkit-fetch) twice: on a socket it connects itself with
#         TCP_NODELAY, and as Connect(host, port) leaves it (Nagle on).
#   pop3: the same mailbox over POP3. inet (pop3://); bench/peers/poplib_fetch.py (USER/PASS, RETR 1..N);
#         MailKit Pop3Client.GetStream per message, with and without TCP_NODELAY.
#   big:  one B MiB message (its own user) fetched by inet over IMAP and over POP3; peak RSS is the figure.
# Every run must leave exactly the expected number of files in new/, with the same contents as every other
# client's (sha256 of each file, sorted, hashed). Rounds alternate the clients; each row reports the best and
# the median of each side, the ratio (peer time / inet time: above 1 means inet is faster) and peak RSS.
#
#   bench/mail-fetch-compare.sh [--messages N] [--kib K] [--big-mib B] [--rounds R] [--only imap,pop3,big]
#                               [--work-dir DIR] [--no-install]
#
# --work-dir: where the Maildir each run writes lives (default $INET_BENCH_DATA/mail/work). On some machines
# creating a file costs far more than the rest (on the Firecracker VMs of Dec 2026, ext4: 0.7 ms of kernel time
# per empty file, 1.4 s for 2,000, for every client alike); --work-dir /dev/shm/inet-bench-mail shows the clients
# without that floor.
#
# Needs root (Dovecot; apt-get install dovecot-imapd dovecot-pop3d dovecot-lmtpd). The script starts its OWN
# Dovecot (its own config, base_dir, users inetbench and inetbig, free ports from 31143/31110/32424 on) under
# $INET_BENCH_DATA/mail/dovecot (default <temp>/inet-bench/mail) and stops it by pid at exit; the test
# Dovecot of scripts/servers/dovecot.sh and its users are not touched. The mailboxes are filled once over LMTP
# with the installed `inet mail send` and kept for later runs. Results in $INET_BENCH_DATA/mail/results.tsv.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)

MESSAGES=2000 KIB=20 BIG_MIB=100 ROUNDS=3 ONLY=imap,pop3,big INSTALL=1 WORK_DIR=
while [ $# -gt 0 ]; do
  case $1 in
    --messages) MESSAGES=$2; shift 2 ;;
    --kib) KIB=$2; shift 2 ;;
    --big-mib) BIG_MIB=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --only) ONLY=$2; shift 2 ;;
    --work-dir) WORK_DIR=$2; shift 2 ;;
    --no-install) INSTALL=0; shift ;;
    -h|--help) sed -n '2,28p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

DATA=${INET_BENCH_DATA:-${TMPDIR:-/tmp}/inet-bench}/mail
INET=${INET_BENCH_TOOL:-$DATA/tool/inet}   # INET_BENCH_TOOL: another inet binary, for A/B runs (then use --no-install)
MAILKIT=$DATA/mailkit-fetch/MailKitFetch
RUNS=$DATA/runs
RESULTS=$DATA/results.tsv
WORK=${WORK_DIR:-$DATA/work}         # the Maildir every run writes (removed before each run)
SEED=$DATA/seed-$MESSAGES-$KIB
BIG=$DATA/big-$BIG_MIB.eml
DOVE=$DATA/dovecot
CONF=$DOVE/dovecot.conf
HOST=127.0.0.1
BULK_USER=inetbench BULK_PASS=benchpass BIG_USER=inetbig BIG_PASS=bigpass
MAIL_USER=vmail
mkdir -p "$DATA" "$RUNS"
# ---------------------------------------------------------------- setup
. "$ROOT/scripts/servers/common.sh"
log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; } # after common.sh, which has its own
die() { log "error: $*"; exit 1; }
[ "$(id -u)" = 0 ] || die "run as root (Dovecot)"
apt_install dovecot-imapd dovecot-pop3d dovecot-lmtpd time >/dev/null || die "could not install dovecot and time"

if [ "$INSTALL" = 1 ] || [ ! -x "$INET" ]; then
  log "packing and installing Inet.Cli into $DATA/tool"
  "$HERE/install-tool.sh" "$DATA" || die "installing the tool failed"
fi
CPU=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
VERSION=$("$INET" --version --verbose | tr '\n' ' ' | sed 's/ *$//')
log "cpu: $CPU ($(nproc) cores)"
log "inet: $VERSION"

# The MailKit peer: framework-dependent Release build, rebuilt when its source is newer.
if [[ ,$ONLY, == *,imap,* || ,$ONLY, == *,pop3,* ]] && { [ ! -x "$MAILKIT" ] || [ "$HERE/peers/mailkit-fetch/Program.cs" -nt "$MAILKIT" ]; }; then
  log "publishing bench/peers/mailkit-fetch (Release, framework-dependent)"
  dotnet publish -c Release "$HERE/peers/mailkit-fetch" -o "$DATA/mailkit-fetch" -nologo -v quiet >"$DATA/mailkit.log" 2>&1 \
    || { tail -20 "$DATA/mailkit.log" >&2; die "building mailkit-fetch failed"; }
fi

# ---------------------------------------------------------------- the bench's own Dovecot
id "$MAIL_USER" >/dev/null 2>&1 || useradd -M -d /nonexistent -s /usr/sbin/nologin "$MAIL_USER"
install -d -m 755 "$DOVE"
install -d -o "$MAIL_USER" -g "$(id -gn "$MAIL_USER")" -m 755 "$DOVE/mail"
printf '%s:{PLAIN}%s::::::\n' "$BULK_USER" "$BULK_PASS" "$BIG_USER" "$BIG_PASS" >"$DOVE/users"
chown root:dovecot "$DOVE/users"; chmod 640 "$DOVE/users"
# shellcheck disable=SC2046
IMAP_PORT=$(first_free_port $(seq 31143 31153)) || die "no free port in 31143-31153"
# shellcheck disable=SC2046
POP3_PORT=$(first_free_port $(seq 31110 31120)) || die "no free port in 31110-31120"
# shellcheck disable=SC2046
LMTP_PORT=$(first_free_port $(seq 32424 32434)) || die "no free port in 32424-32434"
cat >"$CONF" <<CONF
# Written by Inet's bench/mail-fetch-compare.sh: the benchmark's own Dovecot (loopback, plain text only).
# Complete: started with dovecot -c, nothing from /etc/dovecot is read; base_dir is private.
protocols = imap pop3 lmtp
listen = $HOST
base_dir = $DOVE/run
state_dir = $DOVE/state
log_path = $DOVE/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:$DOVE/mail/%n/Maildir
mail_fsync = never
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%n $DOVE/users
}
userdb {
  driver = passwd-file
  args = username_format=%n $DOVE/users
  default_fields = uid=$MAIL_USER gid=$(id -gn "$MAIL_USER") home=$DOVE/mail/%n
}
service imap-login {
  inet_listener imap {
    port = $IMAP_PORT
  }
  inet_listener imaps {
    port = 0
  }
}
service pop3-login {
  inet_listener pop3 {
    port = $POP3_PORT
  }
  inet_listener pop3s {
    port = 0
  }
}
service lmtp {
  inet_listener lmtp {
    port = $LMTP_PORT
  }
}
CONF
doveconf -c "$CONF" -n >/dev/null 2>"$DOVE/doveconf.err" || { cat "$DOVE/doveconf.err" >&2; die "$CONF does not parse"; }
setsid dovecot -F -c "$CONF" >"$DOVE/stderr.log" 2>&1 </dev/null &
DOVECOT_PID=$!
trap 'stop_pid "$DOVECOT_PID" "$IMAP_PORT"' EXIT
for p in "$IMAP_PORT" "$POP3_PORT" "$LMTP_PORT"; do
  wait_port "$p" 10 || { cat "$DOVE/stderr.log" "$DOVE/dovecot.log" >&2 || true; die "dovecot did not listen on $p"; }
done
log "dovecot (pid $DOVECOT_PID): imap $IMAP_PORT, pop3 $POP3_PORT, lmtp $LMTP_PORT"

# ---------------------------------------------------------------- data (delivered once, kept)
make_files() {
  python3 - "$SEED" "$MESSAGES" "$KIB" "$BIG" "$BIG_MIB" <<'PY'
import base64, os, random, sys
folder, count, kib, big, big_mib = sys.argv[1:]
count, size, big_size = int(count), int(kib) * 1024, int(big_mib) * 1048576
words = b"alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa".split()
def message(i, size, tag):
    rnd = random.Random(i)
    head = (f"From: Sender {i % 17} <sender{i % 17}@example.test>\r\nTo: <inetbench@example.test>\r\n"
            f"Subject: inet bench {tag} {i}\r\nDate: Mon, {1 + i % 28} Dec 2026 12:{i % 60:02}:00 +0000\r\n"
            f"Message-ID: <bench-{tag}-{i}@example.test>\r\nMIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=us-ascii\r\n\r\n").encode()
    n = size - len(head)
    lines = []
    if tag == "bulk":                     # varied text first: words, then base64 lines
        for _ in range(rnd.randrange(5, 40)):
            line = b" ".join(rnd.choice(words) for _ in range(rnd.randrange(3, 12))) + b"\r\n"
            if len(line) + 80 > n:
                break
            lines.append(line); n -= len(line)
    text = base64.b64encode(os.urandom(n * 3 // 4 + 64))
    at = 0
    while n > 80:                         # leaves 3..80 bytes: a last line of 1..78 characters
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
}
mailbox_count() { doveadm -c "$CONF" mailbox status -u "$1" messages INBOX 2>/dev/null | sed 's/.*messages=//' || echo 0; }
seed() { # USER COUNT FILE...: makes INBOX hold exactly these messages (skipped when it holds COUNT already)
  local user=$1 count=$2 have; shift 2
  have=$(mailbox_count "$user"); have=${have:-0}
  [ "$have" = "$count" ] && { log "$user: INBOX holds $have messages (kept)"; return 0; }
  log "$user: INBOX holds $have messages; delivering $count over LMTP"
  [ "$have" = 0 ] || doveadm -c "$CONF" expunge -u "$user" mailbox INBOX all || die "could not empty $user's INBOX"
  "$INET" mail send "lmtp://$HOST:$LMTP_PORT" --from bench@example.test --to "$user@example.test" --connections 4 "$@" \
    >"$DATA/seed-$user.log" 2>&1 || { tail -5 "$DATA/seed-$user.log" >&2; die "delivering to $user failed"; }
  have=$(mailbox_count "$user")
  [ "$have" = "$count" ] || die "$user: INBOX holds $have messages after delivery, expected $count"
}
make_files
mapfile -t FILES < <(find "$SEED" -name 'm*.eml' | sort | head -n "$MESSAGES")
[ "${#FILES[@]}" = "$MESSAGES" ] || die "expected $MESSAGES files in $SEED"
seed "$BULK_USER" "$MESSAGES" "${FILES[@]}"
[[ ,$ONLY, != *,big,* ]] || seed "$BIG_USER" 1 "$BIG"

# ---------------------------------------------------------------- commands (set CMD, EXPECT, BOX)
cmd() { # TEST CLIENT
  local u=$BULK_USER p=$BULK_PASS
  BOX=bulk EXPECT=$MESSAGES
  [ "$1" != big ] || { u=$BIG_USER p=$BIG_PASS BOX=big EXPECT=1; }
  case $1-$2 in
    imap-inet | big-inet-imap) CMD=("$INET" mail fetch "imap://$u:$p@$HOST:$IMAP_PORT/INBOX" -o "$WORK" --starttls never) ;;
    pop3-inet | big-inet-pop3) CMD=("$INET" mail fetch "pop3://$u:$p@$HOST:$POP3_PORT" -o "$WORK" --starttls never) ;;
    imap-imaplib) CMD=(python3 "$HERE/peers/imaplib_fetch.py" "$HOST" "$IMAP_PORT" "$u" "$p" "$WORK" 100) ;;
    pop3-poplib) CMD=(python3 "$HERE/peers/poplib_fetch.py" "$HOST" "$POP3_PORT" "$u" "$p" "$WORK") ;;
    imap-mailkit-nodelay) CMD=("$MAILKIT" --nodelay imap "$HOST" "$IMAP_PORT" "$u" "$p" "$WORK") ;;
    imap-mailkit) CMD=("$MAILKIT" imap "$HOST" "$IMAP_PORT" "$u" "$p" "$WORK") ;;
    pop3-mailkit-nodelay) CMD=("$MAILKIT" --nodelay pop3 "$HOST" "$POP3_PORT" "$u" "$p" "$WORK") ;;
    pop3-mailkit) CMD=("$MAILKIT" pop3 "$HOST" "$POP3_PORT" "$u" "$p" "$WORK") ;;
    *) die "unknown client $2 for $1" ;;
  esac
}
clients_of() {
  case $1 in
    imap) echo inet imaplib mailkit-nodelay mailkit ;;
    pop3) echo inet poplib mailkit-nodelay mailkit ;;
    big) echo inet-imap inet-pop3 ;;
  esac
}

# contents_digest: sha256 over the sorted sha256s of the files in $WORK/new (names differ between clients).
contents_digest() { find "$WORK/new" -type f -print0 | xargs -0r sha256sum | cut -d' ' -f1 | sort | sha256sum | cut -c1-16; }
declare -A DIGEST=()

run_one() { # TEST CLIENT ROUND
  local label=$1-$2-r$3 rc=0 start end wall user sys rss ok=ok files bytes digest
  cmd "$1" "$2"
  rm -rf "$WORK"
  sync
  start=$(date +%s%N)
  /usr/bin/time -f '%e %U %S %M' -o "$RUNS/$label.time" "${CMD[@]}" >"$RUNS/$label.log" 2>&1 || rc=$?
  end=$(date +%s%N)
  wall=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
  read -r _ user sys rss < <(tail -1 "$RUNS/$label.time") || true
  files=$(find "$WORK/new" -type f 2>/dev/null | wc -l)
  bytes=$(find "$WORK/new" -type f -printf '%s\n' 2>/dev/null | awk '{ s += $1 } END { print s + 0 }')
  digest=$(contents_digest 2>/dev/null || echo none)
  if [ "$rc" != 0 ]; then ok="BAD(exit $rc)"
  elif [ "$files" != "$EXPECT" ]; then ok="BAD($files files in new/, expected $EXPECT)"
  elif [ -n "${DIGEST[$BOX]:-}" ] && [ "${DIGEST[$BOX]}" != "$digest" ]; then ok="BAD(contents $digest, first run had ${DIGEST[$BOX]})"
  else DIGEST[$BOX]=$digest
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$EXPECT" "$bytes" "$wall" "$user" "$sys" "$rss" "$digest" "$ok" >>"$RESULTS"
  log "$label: ${wall}s wall, $(awk -v n="$EXPECT" -v w="$wall" 'BEGIN { printf "%.0f", n / w }') msg/s, $bytes bytes, ${rss} KB peak, $digest, $ok"
}

# ---------------------------------------------------------------- run
{
  printf '# cpu\t%s\n' "$CPU"
  printf '# inet\t%s\n' "$VERSION"
  printf '# setup\tmessages=%s kib=%s big_mib=%s rounds=%s dovecot %s mail_fsync=never, plain loopback; maildir %s (%s)\n' \
    "$MESSAGES" "$KIB" "$BIG_MIB" "$ROUNDS" "$(dovecot --version | cut -d' ' -f1)" "$WORK" "$(mkdir -p "$WORK" && df -T "$WORK" | awk 'NR == 2 { print $2 }')"
  printf '# test\tclient\tround\tmessages\tbytes\twall_s\tuser_s\tsys_s\tpeak_rss_kb\tcontents\tcheck\n'
} >"$RESULTS"
IFS=, read -r -a TESTS <<<"$ONLY"
# Warm-up (not recorded): Dovecot's indexes and caches, and the page cache, for both protocols.
for t in "${TESTS[@]}"; do
  case $t in
    imap) cmd imap imaplib ;; pop3) cmd pop3 poplib ;; big) cmd big inet-imap ;; *) die "unknown test $t (imap, pop3, big)" ;;
  esac
  rm -rf "$WORK"; "${CMD[@]}" >"$RUNS/warm-$t.log" 2>&1 || { cat "$RUNS/warm-$t.log" >&2; die "warm-up $t failed"; }
done
for ((r = 1; r <= ROUNDS; r++)); do
  for t in "${TESTS[@]}"; do
    read -r -a CLIENTS <<<"$(clients_of "$t")"
    if ((r % 2 == 0)); then # even rounds run the clients in the reverse order
      for ((i = ${#CLIENTS[@]} - 1; i >= 0; i--)); do run_one "$t" "${CLIENTS[i]}" "$r"; done
    else
      for c in "${CLIENTS[@]}"; do run_one "$t" "$c" "$r"; done
    fi
  done
done
rm -rf "$WORK"

# ---------------------------------------------------------------- report
{
  echo "CPU: $CPU ($(nproc) cores); inet: $VERSION"
  echo "Maildir: $WORK ($(mkdir -p "$WORK" && df -T "$WORK" | awk 'NR == 2 { print $2 }'))"
  echo
  python3 - "$RESULTS" "$MESSAGES" "$KIB" "$BIG_MIB" <<'PY'
import sys, statistics, collections
path, n, kib, big_mib = sys.argv[1:]
rows = [l.rstrip('\n').split('\t') for l in open(path) if l.strip() and not l.startswith('#')]
by = collections.defaultdict(list)
bad = [r for r in rows if r[10] != 'ok']
for t, c, _, count, size, wall, user, sys_, rss, digest, ok in rows:
    if ok == 'ok':
        by[(t, c)].append((float(wall), float(user) + float(sys_), int(rss), int(count)))
names = {('imap', 'inet'): 'inet mail fetch imap://', ('imap', 'imaplib'): 'imaplib (UID FETCH BODY.PEEK[] x 100)',
         ('imap', 'mailkit-nodelay'): 'MailKit ImapClient.GetStreams (own socket, TCP_NODELAY)',
         ('imap', 'mailkit'): 'MailKit ImapClient.GetStreams (Connect(host, port): Nagle on)',
         ('pop3', 'inet'): 'inet mail fetch pop3://', ('pop3', 'poplib'): 'poplib (RETR 1..N)',
         ('pop3', 'mailkit-nodelay'): 'MailKit Pop3Client.GetStream (own socket, TCP_NODELAY)',
         ('pop3', 'mailkit'): 'MailKit Pop3Client.GetStream (Connect(host, port): Nagle on)',
         ('big', 'inet-imap'): 'inet mail fetch imap://', ('big', 'inet-pop3'): 'inet mail fetch pop3://'}
what = {'imap': f'IMAP {n} x {kib} KiB', 'pop3': f'POP3 {n} x {kib} KiB', 'big': f'1 x {big_mib} MiB'}
print('| test | client | best msg/s | median msg/s | best s | median s | ratio peer/inet (best) | ratio (median) | CPU s (median) | peak RSS MB |')
print('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|')
ratios = {}
for (t, c), label in names.items():
    runs = by.get((t, c))
    if not runs:
        continue
    walls = [x[0] for x in runs]
    count = runs[0][3]
    best, med = min(walls), statistics.median(walls)
    ratio = rmed = ''
    inet = by.get((t, 'inet'))
    if t != 'big' and c != 'inet' and inet:
        iw = [x[0] for x in inet]
        ratios[(t, c)] = (best / min(iw), med / statistics.median(iw))
        ratio, rmed = f'{ratios[(t, c)][0]:.2f}x', f'{ratios[(t, c)][1]:.2f}x'
    rates = f'{count / best:,.0f} | {count / med:,.0f}' if t != 'big' else '- | -'
    print(f'| {what[t]} | {label} | {rates} | {best:.3f} | {med:.3f} | {ratio} | {rmed}'
          f' | {statistics.median(x[1] for x in runs):.2f} | {max(x[2] for x in runs) / 1024:.1f} |')
print()
def target(t, c, want, text):
    if (t, c) in ratios:
        b, m = ratios[(t, c)]
        print(f"- {text}: {b:.2f}x best, {m:.2f}x median (target {want:.1f}x: {'met' if b >= want else 'MISSED'})")
target('imap', 'imaplib', 2.0, 'IMAP, inet vs imaplib')
target('imap', 'mailkit-nodelay', 3.0, 'IMAP, inet vs MailKit (TCP_NODELAY)')
target('imap', 'mailkit', 3.0, 'IMAP, inet vs MailKit (Nagle on)')
target('pop3', 'poplib', 2.0, 'POP3, inet vs poplib')
for c in ('inet-imap', 'inet-pop3'):
    runs = by.get(('big', c))
    if runs:
        walls, size, rss = [x[0] for x in runs], int(big_mib) * 1048576, max(x[2] for x in runs) / 1024
        print(f"- big over {c[5:].upper()}: {min(walls):.3f} s best ({size / 1e6 / min(walls):.0f} MB/s), "
              f"{statistics.median(walls):.3f} s median; inet peak RSS {rss:.1f} MB (target < 64 MB: {'met' if rss < 64 else 'MISSED'})")
if bad:
    print(f"\n{len(bad)} runs failed their check: " + ', '.join(f'{r[0]}-{r[1]}-r{r[2]} {r[10]}' for r in bad))
PY
} | tee "$DATA/summary.md"
