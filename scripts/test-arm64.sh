#!/usr/bin/env bash
# Runs the codec tests (yEnc, CRC-32, uuencode) as a linux-arm64 process under qemu-user, so that the
# NEON yEnc kernels and the ARM CRC32 path are tested on a machine without an ARM CPU:
#  1. builds tests/Inet.Tests.Arm64 (a small xunit runner holding Inet.Tests) self-contained for linux-arm64;
#  2. runs it with qemu-aarch64 on the tests named in TESTS below;
#  3. its last line is "Inet.Tests.Arm64: N passed, N failed, N skipped in T s" (test.sh adds these up).
# Without qemu-aarch64 or the arm64 C libraries the tests are counted as skipped, with the reason; as root
# they are installed first, and under CI=true a missing tool fails the run instead.
#   scripts/test-arm64.sh [-c Debug|Release] [--no-build]
#     --no-build: run the last arm64 build as it is
# QEMU_CPU (read by qemu itself) picks the emulated core, e.g. QEMU_CPU=cortex-a72 (default: qemu's "max").
# Exit status: 0 when every test passed (or all were skipped), 1 otherwise.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOG_TAG=test-arm64
# shellcheck source=servers/common.sh
. "$ROOT/scripts/servers/common.sh"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# What runs under emulation: every test whose code depends on the CPU, and little else (the JIT is slow there).
TESTS=(Inet.Tests.Codecs Inet.Tests.Cli.YencCommandTests Inet.Tests.Cli.UuCommandTests)
# MimeKit draws MIME boundaries from RandomNumberGenerator, i.e. OpenSSL, which has no arm64 build here
# (the runtime aborts without it); MIME has no CPU-specific code of ours.
EXCLUDE=(Inet.Tests.Codecs.MimeCodecTests)
# The arm64 glibc, libstdc++ and dynamic loader the runtime needs, as Debian's cross packages put them.
SYSROOT=/usr/aarch64-linux-gnu
PACKAGES=(qemu-user libc6-arm64-cross libstdc++6-arm64-cross libgcc-s1-arm64-cross)

configuration=Debug build=1
while [ $# -gt 0 ]; do
  case $1 in
    -c) configuration=${2:?-c needs a configuration}; shift ;;
    --no-build) build=0 ;;
    *) die "unknown option $1" ;;
  esac
  shift
done

PROJECT=$ROOT/tests/Inet.Tests.Arm64
RUNNER=$PROJECT/bin/$configuration/net10.0/linux-arm64/Inet.Tests.Arm64
FILTER=("${TESTS[@]}")
for e in "${EXCLUDE[@]}"; do FILTER=(--exclude "$e" "${FILTER[@]}"); done

tools_present() { command -v qemu-aarch64 >/dev/null && [ -e "$SYSROOT/lib/ld-linux-aarch64.so.1" ] && [ -e "$SYSROOT/lib/libstdc++.so.6" ]; }

if ! tools_present && is_root; then
  apt_install "${PACKAGES[@]}" >/dev/null || log "installing ${PACKAGES[*]} failed"
fi
if ! tools_present; then
  reason="qemu-aarch64 or the arm64 C libraries in $SYSROOT are missing (apt-get install ${PACKAGES[*]})"
  if [ "${CI:-}" = true ]; then
    log "error: $reason; under CI nothing is skipped for a missing tool"
    exit 1
  fi
  # Count what would have run, with the x64 build of the runner, so the skip shows in the totals.
  dotnet build "$PROJECT" -c "$configuration" -nologo -v quiet -clp:NoSummary >/dev/null || die "build failed"
  dotnet "$PROJECT/bin/$configuration/net10.0/Inet.Tests.Arm64.dll" --skip-all "$reason" "${FILTER[@]}"
  exit $?
fi

if [ $build -eq 1 ]; then
  # A build, not a publish: publishing would also ask Inet.Cli, referenced through Inet.Tests, for a native build.
  dotnet build "$PROJECT" -c "$configuration" -r linux-arm64 -nologo -v quiet -clp:NoSummary >/dev/null \
    || { dotnet build "$PROJECT" -c "$configuration" -r linux-arm64 -nologo -v quiet -clp:NoSummary; die "arm64 build failed"; }
fi
[ -x "$RUNNER" ] || die "no arm64 build at ${RUNNER#"$ROOT"/} (run without --no-build)"

# With W^X on (the runtime's default: JIT code written through a second, writable mapping of its pages) the
# emulated run breaks at random, with null references, access violations and segfaults in code that passes
# natively; off, the JIT writes code in place and the run passes.
export DOTNET_EnableWriteXorExecute=0
exec qemu-aarch64 -L "$SYSROOT" "$RUNNER" "${FILTER[@]}"
