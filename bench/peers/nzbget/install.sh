#!/usr/bin/env bash
# Installs the NZBGet peer: the Debian package `nzbget` (needs root; does nothing when present).
set -euo pipefail
command -v nzbget >/dev/null && exit 0
[ "$(id -u)" = 0 ] || { echo "nzbget is missing: run as root, or apt-get install nzbget yourself" >&2; exit 1; }
DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq nzbget >&2
