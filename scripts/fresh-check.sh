#!/usr/bin/env bash
# Proves that the whole suite passes on a machine where INN 2, vsftpd and pure-ftpd were never
# installed (vsftpd, its test user ftpuser and pure-ftpd's unpacked copy are purged as well):
#  1. stops INN 2 and purges it: packages inn2 and inn2-inews, the spool (/var/spool/news),
#     the active file and history (/var/lib/news), the configuration (/etc/news), its logs and
#     run dir, and the test state dir the server scripts use ($INET_TEST_STATE: certificate,
#     env files, logs);
#  2. clones the committed HEAD of this repository into a mktemp dir (uncommitted changes are
#     not part of the check) and runs `bash .ci/run` there with CI=true, which reinstalls INN;
#  3. prints the run's last line and exit code, and exits with that code.
# The servers that were running before the check (INN, vsftpd, pure-ftpd) are started again
# afterwards (test.sh stops the servers it started itself). Needs root. Destructive: every
# article and setting of the local INN is lost, and anything else using these servers meanwhile
# sees them go away.
#   scripts/fresh-check.sh [--keep] [--purge-tools]
#     --keep: keep the clone (the log is always kept)
#     --purge-tools: also remove the Debian packages test.sh installs for the tests (par2, the compilers
#       scripts/pack.sh needs, qemu-user, lftp), so the run proves test.sh installs them too (curl stays:
#       it is part of the base image and other tooling uses it)
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOG_TAG=fresh-check
# shellcheck source=servers/common.sh
. "$ROOT/scripts/servers/common.sh"

keep=0 purge_tools=0
for a in "$@"; do
  case $a in
    --keep) keep=1 ;;
    --purge-tools) purge_tools=1 ;;
    *) die "unknown option $a" ;;
  esac
done
is_root || die "must run as root"

SERVER_NAMES=(inn2 vsftpd pureftpd)
was_running=()
for s in "${SERVER_NAMES[@]}"; do
  "$ROOT/scripts/servers/$s.sh" status >/dev/null 2>&1 && was_running+=("$s")
done
head=$(git -C "$ROOT" rev-parse HEAD) || die "$ROOT is not a git repository"
[ -z "$(git -C "$ROOT" status --porcelain --untracked-files=no)" ] \
  || log "uncommitted changes in $ROOT are not part of the check (testing $head)"

# 1. Stop every test server while their pid files still exist (they live in $INET_TEST_STATE),
#    then purge INN 2 and everything it and the test scripts left behind.
for s in pureftpd vsftpd inn2; do
  log "stopping $s"
  "$ROOT/scripts/servers/$s.sh" stop >&2 || true
done
log "purging INN 2"
DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 purge -y -qq inn2 inn2-inews >&2 \
  || die "apt-get purge inn2 inn2-inews failed"
rm -rf /var/spool/news /var/lib/news /etc/news /var/log/news /run/news "$INET_TEST_STATE"
for p in 119 563; do
  port_in_use "$p" && log "warning: port $p is still in use after the purge (owner: $(port_owner "$p"))"
done
if dpkg-query -W -f='${Status}' inn2 2>/dev/null | grep -q 'installed'; then die "inn2 is still installed"; fi

# pure-ftpd was never installed with apt (its unpacked copy and virtual user were in
# $INET_TEST_STATE/pureftpd, removed above); make sure no package of it is left either.
if dpkg-query -W -f='${Status}' pure-ftpd 2>/dev/null | grep 'installed' >/dev/null; then
  log "purging the pure-ftpd package"
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 purge -y -qq pure-ftpd pure-ftpd-common >&2 \
    || die "apt-get purge pure-ftpd failed"
fi

log "purging vsftpd and its test user"
DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 purge -y -qq vsftpd >&2 || die "apt-get purge vsftpd failed"
id ftpuser >/dev/null 2>&1 && { userdel -r ftpuser >&2 2>/dev/null || userdel ftpuser >&2 || true; }

if [ $purge_tools -eq 1 ]; then
  tools=(par2 clang lld gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user lftp)
  log "removing ${tools[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 purge -y -qq "${tools[@]}" >&2 || die "apt-get purge failed"
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 autoremove -y -qq >&2 || true
  command -v clang >/dev/null && die "clang is still installed"
fi

# 2. A fresh clone of the committed HEAD.
work=$(mktemp -d /tmp/inet-fresh-check.XXXXXX)
logfile=$work/run.log
log "cloning $head into $work/inet"
git clone --quiet --no-hardlinks "$ROOT" "$work/inet" >&2 || die "git clone failed"
git -C "$work/inet" checkout --quiet --detach "$head" || die "commit $head is not in the clone"

# 3. The CI entry point, as CI runs it.
log "running CI=true bash .ci/run (log: $logfile)"
t0=$SECONDS
(cd "$work/inet" && CI=true bash .ci/run) > "$logfile" 2>&1 < /dev/null
rc=$?
last=$(tail -n 1 "$logfile")
log "finished in $((SECONDS - t0)) s"

for s in "${was_running[@]}"; do
  log "$s was running before the check; starting it again"
  "$ROOT/scripts/servers/$s.sh" start > /dev/null || log "warning: could not start $s again"
done
if [ $keep -eq 0 ]; then
  rm -rf "$work/inet"
fi

echo "last line: $last"
echo "exit code: $rc"
exit "$rc"
