#!/usr/bin/env bash
# Publishes `inet` as one native executable (ahead-of-time compiled, no JIT at run time) into OUTDIR:
#   scripts/publish-native.sh OUTDIR
# Compiled for the CPU of this machine (like -march=native), so its SIMD paths (AVX-512, AVX2) are used
# without run-time checks; set INET_ISA to a list of instruction sets (e.g. x86-64-v3) for other machines.
set -euo pipefail
[ $# = 1 ] || { sed -n '2,3p' "$0" >&2; exit 2; }
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
case $(uname -m) in
  x86_64) rid=linux-x64 ;;
  aarch64) rid=linux-arm64 ;;
  *) echo "no native build for $(uname -m)" >&2; exit 2 ;;
esac
dotnet publish -c Release "$HERE/../src/Inet.Cli" -r "$rid" -p:PublishAot=true -p:PackAsTool=false \
  -p:IlcInstructionSet="${INET_ISA:-native}" -o "$1" -nologo
