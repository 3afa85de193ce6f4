#!/usr/bin/env bash
# Installs the `inet` tool the way a user gets it, for the benchmarks: scripts/pack.sh's packages, then
# `dotnet tool install` from them (on linux-x64 the native package, which starts the build for this CPU).
#   bench/install-tool.sh DIR [SOURCE]   -> DIR/tool/inet (DIR/packages holds the packages, DIR/install.log the output)
# SOURCE is the Inet checkout to pack (default: this one).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DIR=${1:?usage: install-tool.sh DIR [SOURCE]}
SOURCE=${2:-$(cd "$HERE/.." && pwd)}
mkdir -p "$DIR"
rm -rf "$DIR/packages" "$DIR/tool"
"$SOURCE/scripts/pack.sh" "$DIR/packages" >"$DIR/install.log" 2>&1 \
  || { tail -20 "$DIR/install.log" >&2; echo "install-tool.sh: scripts/pack.sh failed" >&2; exit 1; }
dotnet tool install --tool-path "$DIR/tool" --configfile "$DIR/packages/nuget.config" Inet.Cli >>"$DIR/install.log" 2>&1 \
  || { tail -20 "$DIR/install.log" >&2; echo "install-tool.sh: dotnet tool install failed" >&2; exit 1; }
