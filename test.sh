#!/usr/bin/env bash
# Runs every test of Inet.
#  - As root: installs and starts the real servers the integration tests use
#    (scripts/servers/<name>.sh; now INN 2 for NNTP, vsftpd for FTP/FTPS, pure-ftpd for TLS-only FTP,
#    Postfix's smtp-sink for plain SMTP/LMTP, aiosmtpd for SMTP with STARTTLS/SMTPS/AUTH and Dovecot
#    for IMAP/POP3/LMTP)
#    and stops at the end what it started.
#    Not root: servers are left alone; integration tests needing one are skipped,
#    except when CI=true, where a missing server fails the test. INET_TEST_NO_SERVERS=1 does
#    the same as root. INET_TEST_CONFIGURATION=Release builds Release (default Debug).
#  - Builds the solution once, runs each test project with a TRX logger into .test-results/,
#    then the codec tests once more as a linux-arm64 process under qemu-user (scripts/test-arm64.sh,
#    log in .test-results/Inet.Tests.Arm64.log), and ends with one line "N passed, N failed, N skipped"
#    over all of them.
# Exit status: non-zero if the build failed, a server failed to start under CI, or a test failed.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$ROOT" || exit 1

CONFIGURATION=${INET_TEST_CONFIGURATION:-Debug}
RESULTS=$ROOT/.test-results
SERVERS=(inn2 vsftpd pureftpd smtpsink aiosmtpd dovecot)   # one scripts/servers/<name>.sh per server
# Debian packages the tests call: PAR2 repair; scripts/pack.sh's compilers (native builds for x64 and,
# cross-compiled, arm64); qemu-user and the arm64 C++ library to run the arm64 builds (the packaged tool
# and scripts/test-arm64.sh); curl and lftp, the peer FTP clients of the FTP benchmarks.
TOOLS=(par2 clang lld gcc-aarch64-linux-gnu libc6-dev-arm64-cross libstdc++6-arm64-cross qemu-user curl lftp)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

say() { printf '==> %s\n' "$*"; }
. "$ROOT/scripts/servers/common.sh"

STARTED=()
stop_servers() {
  local i
  for ((i = ${#STARTED[@]} - 1; i >= 0; i--)); do
    "$ROOT/scripts/servers/${STARTED[i]}.sh" stop || true
  done
  STARTED=()
}
trap stop_servers EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

status=0
t0=$SECONDS

# 1. Servers (INET_TEST_NO_SERVERS=1 skips this step even as root).
if [ "${INET_TEST_NO_SERVERS:-}" = 1 ]; then
  say "INET_TEST_NO_SERVERS=1: servers not started"
elif is_root; then
  apt_install "${TOOLS[@]}" >/dev/null || { say "installing ${TOOLS[*]} FAILED"; [ "${CI:-}" = true ] && status=1; }
  for s in "${SERVERS[@]}"; do
    ts=$SECONDS
    was_running=0
    "$ROOT/scripts/servers/$s.sh" status >/dev/null 2>&1 && was_running=1
    if "$ROOT/scripts/servers/$s.sh" start >/dev/null; then
      # shellcheck disable=SC1090
      . "$INET_TEST_ENV_DIR/$s.env"
      [ $was_running -eq 1 ] || STARTED+=("$s")
      say "server $s ready in $((SECONDS - ts)) s$([ $was_running -eq 1 ] && echo ' (was already running; left running)')"
    else
      say "server $s FAILED to start"
      [ "${CI:-}" = true ] && status=1
    fi
  done
else
  say "not root: no servers installed or started; integration tests that need one are skipped (CI=true makes them fail)"
fi

# 2. Build once.
say "building ($CONFIGURATION)"
tb=$SECONDS
if ! dotnet build "$ROOT/Inet.sln" -c "$CONFIGURATION" -nologo -v quiet -clp:NoSummary; then
  say "build failed"
  echo "Build failed"
  exit 1
fi
say "build done in $((SECONDS - tb)) s"

# 3. Run every test project.
rm -rf "$RESULTS"
mkdir -p "$RESULTS"
total_passed=0 total_failed=0 total_skipped=0
summaries=()

# counter NAME FILE: the value of attribute NAME of the <Counters> element of a TRX file.
counter() { grep -o '<Counters [^>]*>' "$2" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]\+' || echo 0; }

for proj in "$ROOT"/tests/*/*.csproj; do
  # Only test projects (helpers such as the kill-test child process are built, not run).
  grep -q 'Microsoft.NET.Test.Sdk' "$proj" || continue
  name=$(basename "$proj" .csproj)
  say "testing $name"
  tp=$SECONDS
  dotnet test "$proj" --no-build -c "$CONFIGURATION" --nologo \
    --results-directory "$RESULTS" --logger "trx;LogFileName=$name.trx"
  rc=$?
  trx=$RESULTS/$name.trx
  if [ ! -f "$trx" ]; then
    summaries+=("$name: no TRX written (dotnet test exit $rc)")
    status=1
    continue
  fi
  passed=$(counter passed "$trx")
  failed=$(( $(counter failed "$trx") + $(counter error "$trx") + $(counter timeout "$trx") + $(counter aborted "$trx") ))
  # xunit skips are counted in total but not in executed (notExecuted stays 0).
  skipped=$(( $(counter total "$trx") - $(counter executed "$trx") ))
  [ "$skipped" -lt "$(counter notExecuted "$trx")" ] && skipped=$(counter notExecuted "$trx")
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
  total_skipped=$((total_skipped + skipped))
  line="$name: $passed passed, $failed failed, $skipped skipped in $((SECONDS - tp)) s"
  if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
    line="$line (dotnet test exit $rc)"
    status=1
  fi
  summaries+=("$line")
done

# 4. The codec tests on arm64 (NEON, ARM CRC32), emulated: scripts/test-arm64.sh ends with
#    "Inet.Tests.Arm64: N passed, N failed, N skipped in T s".
name=Inet.Tests.Arm64
say "testing $name (linux-arm64 under qemu-user)"
tp=$SECONDS
log=$RESULTS/$name.log
"$ROOT/scripts/test-arm64.sh" -c "$CONFIGURATION" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
result=$(grep "^$name: [0-9]* passed, [0-9]* failed, [0-9]* skipped" "$log" | tail -n 1)
if ! [[ $result =~ :\ ([0-9]+)\ passed,\ ([0-9]+)\ failed,\ ([0-9]+)\ skipped ]]; then
  # It broke before the end (the runtime aborts on some faults): one failure, so the totals show it.
  summaries+=("$name: no result line, counted as 1 failed (scripts/test-arm64.sh exit $rc)")
  total_failed=$((total_failed + 1))
else
  passed=${BASH_REMATCH[1]} failed=${BASH_REMATCH[2]} skipped=${BASH_REMATCH[3]}
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
  total_skipped=$((total_skipped + skipped))
  line="$name: $passed passed, $failed failed, $skipped skipped in $((SECONDS - tp)) s"
  if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
    line="$line (scripts/test-arm64.sh exit $rc)"
    status=1
  fi
  summaries+=("$line")
fi

[ "$total_failed" -gt 0 ] && status=1
stop_servers
echo
say "summary (results in ${RESULTS#"$ROOT"/}/, total $((SECONDS - t0)) s)"
for l in "${summaries[@]}"; do echo "    $l"; done
echo "$total_passed passed, $total_failed failed, $total_skipped skipped"
exit $status
