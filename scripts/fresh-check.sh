#!/usr/bin/env bash
# Proves that the whole suite passes on a machine where INN 2 and vsftpd were never installed
# (vsftpd and its test user ftpuser are purged as well):
#  1. stops INN 2 and purges it: packages inn2 and inn2-inews, the spool (/var/spool/news),
#     the active file and history (/var/lib/news), the configuration (/etc/news), its logs and
#     run dir, and the test state dir the server scripts use ($INET_TEST_STATE: certificate,
#     env files, logs);
#  2. clones the committed HEAD of this repository into a mktemp dir (uncommitted changes are
#     not part of the check) and runs `bash .ci/run` there with CI=true, which reinstalls INN;
#  3. prints the run's last line and exit code, and exits with that code.
# If INN was running before the check, it is started again afterwards (test.sh stops the
# server it started itself). Needs root. Destructive: every article and setting of the local
# INN is lost, and anything else using INN meanwhile sees it go away.
#   scripts/fresh-check.sh [--keep] [--purge-tools]
#     --keep: keep the clone (the log is always kept)
#     --purge-tools: also remove the Debian packages test.sh installs for the tests (par2, the compilers
#       scripts/pack.sh needs, qemu-user), so the run proves test.sh installs them too
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

was_running=0
"$ROOT/scripts/servers/inn2.sh" status >/dev/null 2>&1 && was_running=1
head=$(git -C "$ROOT" rev-parse HEAD) || die "$ROOT is not a git repository"
[ -z "$(git -C "$ROOT" status --porcelain --untracked-files=no)" ] \
  || log "uncommitted changes in $ROOT are not part of the check (testing $head)"

# 1. Purge INN 2 and everything it and the test scripts left behind.
log "stopping and purging INN 2"
"$ROOT/scripts/servers/inn2.sh" stop >&2 || true
DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 purge -y -qq inn2 inn2-inews >&2 \
  || die "apt-get purge inn2 inn2-inews failed"
rm -rf /var/spool/news /var/lib/news /etc/news /var/log/news /run/news "$INET_TEST_STATE"
for p in 119 563; do
  port_in_use "$p" && log "warning: port $p is still in use after the purge (owner: $(port_owner "$p"))"
done
if dpkg-query -W -f='${Status}' inn2 2>/dev/null | grep -q 'installed'; then die "inn2 is still installed"; fi

log "stopping and purging vsftpd and its test user"
"$ROOT/scripts/servers/vsftpd.sh" stop >&2 || true
DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 purge -y -qq vsftpd >&2 || die "apt-get purge vsftpd failed"
id ftpuser >/dev/null 2>&1 && { userdel -r ftpuser >&2 2>/dev/null || userdel ftpuser >&2 || true; }

if [ $purge_tools -eq 1 ]; then
  tools=(par2 clang lld gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user)
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

if [ $was_running -eq 1 ]; then
  log "INN was running before the check; starting it again"
  "$ROOT/scripts/servers/inn2.sh" start > /dev/null || log "warning: could not start INN again"
fi
if [ $keep -eq 0 ]; then
  rm -rf "$work/inet"
fi

echo "last line: $last"
echo "exit code: $rc"
exit "$rc"
