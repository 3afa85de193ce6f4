#!/usr/bin/env bash
# Publishes `inet` as one native executable (ahead-of-time compiled, no JIT at run time) into OUTDIR:
#   scripts/publish-native.sh OUTDIR
# Compiled for the CPU of this machine (like -march=native), so its SIMD paths (AVX-512, AVX2, carry-less
# multiply) are used without run-time checks; set INET_ISA to an instruction-set list (e.g. x86-64-v3)
# to build for other machines.
set -euo pipefail
[ $# = 1 ] || { sed -n '2,3p' "$0" >&2; exit 2; }
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# The compiler's own "native" leaves out 512-bit carry-less multiply (the CRC-32 folding), so on x86-64 the
# list is built from the CPU flags: a level, the AVX-512 extension groups, and VAES/VPCLMULQDQ widths.
x86_isa() {
  local flags have
  flags=" $(grep -m1 '^flags' /proc/cpuinfo | cut -d: -f2) "
  have() { local f; for f in "$@"; do [[ $flags == *" $f "* ]] || return 1; done; }
  local isa=x86-64-v2
  have avx2 bmi1 bmi2 fma movbe abm && isa=x86-64-v3
  have avx512f avx512bw avx512cd avx512dq avx512vl && isa=x86-64-v4
  if [ "$isa" = x86-64-v4 ]; then
    have avx512ifma avx512vbmi && isa+=,avx512v2
    have avx512_vbmi2 avx512_bitalg avx512_vnni avx512_vpopcntdq && isa+=,avx512v3
    have vaes vpclmulqdq && isa+=,aes_v256,aes_v512
  elif [ "$isa" = x86-64-v3 ]; then
    have vaes vpclmulqdq && isa+=,aes_v256
  fi
  echo "$isa"
}

case $(uname -m) in
  x86_64) rid=linux-x64; isa=${INET_ISA:-$(x86_isa)} ;;
  aarch64) rid=linux-arm64; isa=${INET_ISA:-native} ;;
  *) echo "no native build for $(uname -m)" >&2; exit 2 ;;
esac
echo "instruction sets: $isa"
dotnet publish -c Release "$HERE/../src/Inet.Cli" -r "$rid" -p:PublishAot=true -p:PackAsTool=false \
  "-p:IlcInstructionSet=\"$isa\"" -o "$1" -nologo
