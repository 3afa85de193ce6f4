#!/usr/bin/env bash
# Prints Inet's yEnc/CRC32 throughput next to the npm `yencode` peer and MimeKit, with ratios.
# Usage: bench/yenc-compare.sh [seconds-per-measurement]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ ! -d "$here/peers/yencode/node_modules/yencode" ]; then
  "$here/peers/yencode/install.sh"
fi
dotnet run -c Release --project "$here/Inet.Benchmarks" -- yenc-compare "${1:-2}"
