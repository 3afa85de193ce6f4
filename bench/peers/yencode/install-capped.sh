#!/usr/bin/env bash
# Builds a second copy of the `yencode` peer whose kernel choice can be held below the CPU's best, to compare
# Inet's 128-bit (SSE/AVX-encoded) yEnc path with the peer's SSE kernels on the same machine:
#   YENCODE_MAX_ISA=381 -> the peer's SSE kernels built with AVX encoding (like .NET with DOTNET_EnableAVX2=0)
#   YENCODE_MAX_ISA=301 -> the peer's SSSE3 kernels (like .NET with DOTNET_EnableAVX=0)
# (hex values of rapidyenc's ISA levels). The copy is built without -march=native, as its kernels are chosen
# at run time only in that mode. Needs ./install.sh first (it provides the sources).
set -euo pipefail
cd "$(dirname "$0")"
src=node_modules/yencode
[ -d "$src" ] || ./install.sh
rm -rf capped && mkdir capped && cp -r "$src/src" "$src/crcutil-1.0" "$src/binding.gyp" "$src/index.js" "$src/package.json" capped/
# Wrap the CPU probe: cap its answer at YENCODE_MAX_ISA, keeping the POPCNT/LZCNT feature bits.
python3 - capped/src/platform.cc <<'PY'
import sys
path = sys.argv[1]
text = open(path).read()
probe = "int RapidYenc::cpu_supports_isa() {"
assert probe in text, "platform.cc changed: cannot find the ISA probe"
text = text.replace(probe, """static int detect_isa_uncapped();
int RapidYenc::cpu_supports_isa() {
	int isa = detect_isa_uncapped();
	const char* cap = getenv("YENCODE_MAX_ISA");
	if(cap && *cap) {
		int level = (int)strtol(cap, NULL, 16);
		if(isa > level) isa = level | (isa & 3);
	}
	return isa;
}
static int detect_isa_uncapped() {""", 1)
open(path, "w").write("#include <stdlib.h>\n" + text)
PY
NODEDIR="${NODEDIR:-$(dirname "$(dirname "$(command -v node)")")}"
GYP="$(npm root -g)/npm/node_modules/node-gyp/bin/node-gyp.js"
(cd capped && node "$GYP" rebuild --nodedir="$NODEDIR" -- -Denable_native_tuning=0 >/dev/null)
echo "built $(pwd)/capped/build/Release/yencode.node"
