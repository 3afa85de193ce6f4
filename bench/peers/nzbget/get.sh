#!/usr/bin/env bash
# One NZBGet download of one NZB, configured like `inet nzb get` / `inet news fetch` in the benchmark:
#   get.sh HOST PORT CONNECTIONS FILE.nzb WORKDIR
# Standalone mode (an NZB on the command line: download it, then exit), no config file; one server
# without TLS or login; no par check/repair/rename, no unpack, no health check, no dupe check; CRC
# check on; direct write with a 50 MB article cache. Files end up under WORKDIR/dst/<nzb name>/.
# The script execs nzbget, so time/RSS measured around it are nzbget's own.
set -euo pipefail
[ $# = 5 ] || { sed -n '2,3p' "$0" >&2; exit 2; }
host=$1 port=$2 connections=$3 nzb=$4 dir=$5
mkdir -p "$dir"
exec nzbget -n \
  -o MainDir="$dir" -o DestDir="$dir/dst" -o InterDir="$dir/inter" -o NzbDir="$dir/nzb" \
  -o QueueDir="$dir/queue" -o TempDir="$dir/tmp" -o ScriptDir="$dir/scripts" -o LockFile="$dir/nzbget.lock" \
  -o LogFile="$dir/nzbget.log" -o WriteLog=none -o ConfigTemplate= -o WebDir= \
  -o Server1.Active=yes -o Server1.Host="$host" -o Server1.Port="$port" -o Server1.Encryption=no \
  -o Server1.Username= -o Server1.Password= -o Server1.JoinGroup=no -o Server1.Connections="$connections" \
  -o Server1.Level=0 -o Server1.Retention=0 \
  -o ParCheck=manual -o ParRepair=no -o ParRename=no -o RarRename=no -o DirectRename=no \
  -o Unpack=no -o DirectUnpack=no -o HealthCheck=none -o DupeCheck=no -o CrcCheck=yes \
  -o DirectWrite=yes -o ArticleCache=50 -o WriteBuffer=1024 -o ContinuePartial=no -o FlushQueue=no \
  -o DiskSpace=0 -o KeepHistory=0 -o NzbLog=no -o UpdateCheck=none -o CrashTrace=no -o CrashDump=no \
  -o OutputMode=log -o DetailTarget=none -o InfoTarget=screen -o ArticleRetries=1 \
  "$nzb"
