#!/usr/bin/env bash
# Installs the npm `yencode` peer (a native addon, built against the system's node headers).
set -euo pipefail
cd "$(dirname "$0")"
# node-gyp needs the headers of the node that runs it; use that node's install prefix.
NODEDIR="${NODEDIR:-$(dirname "$(dirname "$(command -v node)")")}"
npm install --no-audit --no-fund --nodedir="$NODEDIR"
