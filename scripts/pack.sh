#!/usr/bin/env bash
# Writes every NuGet package of Inet into OUTDIR:
#   scripts/pack.sh OUTDIR
#   - Inet                  the library (with XML docs; symbols in Inet.snupkg)
#   - Inet.Cli              the `inet` tool: a pointer package naming the ones below
#   - Inet.Cli.linux-x64    native (AOT); holds builds for x86-64-v2, v3 and v4, the v2 one starts the best
#   - Inet.Cli.linux-arm64  native (AOT), cross-compiled with clang and the aarch64 GNU toolchain
#   - Inet.Cli.any          framework-dependent, for every other platform
#   - nuget.config          names OUTDIR as the only source, so installing from it works offline
# Then: dotnet tool install --global --configfile OUTDIR/nuget.config Inet.Cli
# Needs clang, lld, gcc-aarch64-linux-gnu and libc6-dev-arm64-cross (installed with apt when missing and run as root).
set -euo pipefail
[ $# = 1 ] || { sed -n '2,11p' "$0" >&2; exit 2; }
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
mkdir -p "$1"
OUT=$(cd "$1" && pwd)
CLI=$ROOT/src/Inet.Cli
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
say() { printf '==> %s\n' "$*"; }

need=()
command -v clang >/dev/null || need+=(clang)
command -v ld.lld >/dev/null || need+=(lld)
[ -f /usr/aarch64-linux-gnu/lib/crt1.o ] || need+=(gcc-aarch64-linux-gnu libc6-dev-arm64-cross)
if [ ${#need[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || { echo "pack.sh: needs ${need[*]} (apt-get install ${need[*]})" >&2; exit 1; }
  say "installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 install -y "${need[@]}" >/dev/null 2>&1 \
    || { apt-get update >/dev/null && apt-get -o DPkg::Lock::Timeout=600 install -y "${need[@]}" >/dev/null; }
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
pack() { dotnet pack -c Release -o "$OUT" -nologo -v quiet "$@"; }

say "library"
pack "$ROOT/src/Inet"
say "tool: pointer package and framework-dependent (any)"
pack "$CLI"
pack "$CLI" -r any

# x64: one native build per instruction-set level (AOT fixes the ISA at compile time: see
# src/Inet.Cli/Native/NativeBuildSelector.cs); v3 and v4 ride inside the package beside the v2 entry point.
mkdir -p "$WORK/variants"
for level in x86-64-v3 x86-64-v4; do
  isa=$level
  [ $level = x86-64-v4 ] && isa=x86-64-v4,avx512v2,avx512v3   # the yEnc kernels need VBMI and VBMI2
  say "tool: linux-x64 native build for $isa"
  dotnet publish -c Release -r linux-x64 "$CLI" -nologo -v quiet -o "$WORK/$level" \
    -p:InetNativeLevel=$level "-p:IlcInstructionSet=\"$isa\""
  cp "$WORK/$level/Inet.Cli" "$WORK/variants/Inet.Cli.$level"
done
say "tool: linux-x64 package (entry build x86-64-v2)"
pack "$CLI" -r linux-x64 -p:InetNativeLevel=x86-64-v2 -p:IlcInstructionSet=x86-64-v2 "-p:InetNativeVariantsDir=$WORK/variants"
say "tool: linux-arm64 package"
pack "$CLI" -r linux-arm64

# `--add-source OUTDIR` alone still asks nuget.org for the newest version, and fails offline.
cat >"$OUT/nuget.config" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<!-- Written by scripts/pack.sh: installs use only the packages in this folder, so they work offline. -->
<configuration>
  <packageSources>
    <clear />
    <add key="inet-packages" value="." />
  </packageSources>
</configuration>
XML
ls -l "$OUT"
echo "install: dotnet tool install --global --configfile $OUT/nuget.config Inet.Cli"
