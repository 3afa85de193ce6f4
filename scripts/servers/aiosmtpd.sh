#!/usr/bin/env bash
# aiosmtpd (Debian package python3-aiosmtpd 1.4.3) as the scriptable SMTP test server with
# STARTTLS, implicit TLS and AUTH. The server itself is aiosmtpd_server.py next to this script.
#   aiosmtpd.sh start   install if needed, start (or keep running), write the env file
#   aiosmtpd.sh stop    stop the server this script started (by its saved pid)
#   aiosmtpd.sh status  exit 0 when both ports answer with a 220 greeting
# Needs root (for apt; the server runs as root to read the test key). One process, two ports:
#   127.0.0.1:2526  SMTP + STARTTLS; AUTH PLAIN LOGIN after STARTTLS only
#   127.0.0.1:2527  implicit TLS (SMTPS) + AUTH PLAIN LOGIN
# (the pair moves on to 12526/12527, then 25260/25261, when either port is taken.)
# Both: SIZE 10485760, 8BITMIME, SMTPUTF8; user smtpuser/smtppass (offered, not required).
# Every message is saved as one .eml file (envelope as X- headers first) in
# $INET_TEST_STATE/aiosmtpd/out. Scripted refusals: see aiosmtpd_server.py.
# Trap: the module loads only in /usr/bin/python3, not in a pyenv python3 that may be first on PATH.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LOG_TAG=aiosmtpd
# shellcheck source=common.sh
. "$HERE/common.sh"

PYTHON=/usr/bin/python3
SERVER=$HERE/aiosmtpd_server.py
STATE=$INET_TEST_STATE/aiosmtpd
OUTDIR=$STATE/out
ARGS_FILE=$STATE/args
PIDFILE=$STATE/aiosmtpd.pid
PORTFILE=$STATE/port
HOST=127.0.0.1
PORTS=(2526 12526 25260)          # each with PORT+1 for implicit TLS
USER_NAME=smtpuser
USER_PASS=smtppass

server_pid() {
  local pid
  pid=$(cat "$PIDFILE" 2>/dev/null) || return 1
  [ -n "$pid" ] && pid_alive "$pid" && tr '\0' '\n' < "/proc/$pid/cmdline" 2>/dev/null | grep -qx "$SERVER" && echo "$pid"
}

saved_port() { cat "$PORTFILE" 2>/dev/null; }

choose_port() {
  local current p
  current=$(saved_port || true)
  if [ -n "$current" ] && server_pid >/dev/null && port_in_use "$current"; then
    echo "$current"; return 0
  fi
  for p in "${PORTS[@]}"; do
    if port_in_use "$p" || port_in_use $((p + 1)); then
      log "port $p or $((p + 1)) is taken by '$(port_owner "$p") $(port_owner $((p + 1)))'; trying the next pair"
    else
      echo "$p"; return 0
    fi
  done
  return 1
}

# server_args PORT: the command line, one argument a line.
server_args() {
  printf '%s\n' "$SERVER" --host "$HOST" --port "$1" --outdir "$OUTDIR" \
    --cert "$INET_TEST_TLS_DIR/cert.pem" --key "$INET_TEST_TLS_DIR/key.pem" \
    --user "$USER_NAME" --password "$USER_PASS"
  # Not part of the command line: a new certificate or an edited server script must restart it.
  echo "# cert $(tls_cert_digest)"
  echo "# server $(sha256sum "$SERVER" | cut -d' ' -f1)"
}

# write_args PORT: returns 1 when unchanged.
write_args() {
  local tmp
  tmp=$(mktemp "$ARGS_FILE.XXXXXX")
  server_args "$1" > "$tmp"
  if cmp -s "$tmp" "$ARGS_FILE"; then rm -f "$tmp"; return 1; fi
  mv "$tmp" "$ARGS_FILE"
}

# answers PORT: both listeners greet with 220 (the second over TLS, verified against the test CA).
answers() {
  read_banner "$HOST" "$1" 5 | grep -q '^220[ -]' && read_tls_banner "$HOST" $(($1 + 1)) 5 | grep -q '^220[ -]'
}

start_server() {
  local port=$1 pid args
  mapfile -t args < <(grep -v '^#' "$ARGS_FILE")
  log "starting aiosmtpd on $HOST ports $port and $((port + 1))"
  # -u: unbuffered, so the log shows tracebacks at once. The process stays in the foreground,
  # so $! is its pid (setsid execs, no fork).
  setsid "$PYTHON" -u "${args[@]}" > "$STATE/server.log" 2>&1 < /dev/null &
  pid=$!
  echo "$pid" > "$PIDFILE"
  echo "$port" > "$PORTFILE"
  if ! wait_port $((port + 1)) 15 || ! wait_banner "$HOST" "$port" '^220[ -]' 10 >/dev/null \
     || ! wait_tls_banner "$HOST" $((port + 1)) '^220[ -]' 10 >/dev/null; then
    sed 's/^/  aiosmtpd: /' "$STATE/server.log" >&2 || true
    stop_pid "$pid" "$port" 5
    rm -f "$PIDFILE"
    die "aiosmtpd did not greet on $HOST ports $port and $((port + 1))"
  fi
  server_pid >/dev/null || die "the process on $HOST port $port is not the aiosmtpd started (pid $pid)"
  log "aiosmtpd is up (pid $pid): $(read_banner "$HOST" "$port" 5)"
}

stop_server() {
  local pid port
  pid=$(server_pid) || { rm -f "$PIDFILE"; return 0; }
  port=$(saved_port || true)
  log "stopping aiosmtpd (pid $pid)"
  stop_pid "$pid" "$port" 10
  if [ -n "$port" ]; then
    wait_port_closed "$port" 10 || log "port $port is still open"
    wait_port_closed $((port + 1)) 10 || log "port $((port + 1)) is still open"
  fi
  wait_pid_gone "$pid" 5 || true
  rm -f "$PIDFILE"
}

cmd_start() {
  is_root || die "must run as root"
  local port changed=0
  apt_install python3-aiosmtpd openssl || die "could not install python3-aiosmtpd"
  "$PYTHON" -c 'import aiosmtpd' 2>/dev/null || die "$PYTHON cannot import aiosmtpd"
  ensure_tls_cert || die "could not make the TLS certificate"
  mkdir -p "$STATE" "$OUTDIR/tmp"
  chmod 755 "$OUTDIR"
  port=$(choose_port) || die "no free port pair for aiosmtpd"
  write_args "$port" && changed=1
  if server_pid >/dev/null; then
    if [ $changed -eq 1 ]; then
      log "configuration changed; restarting aiosmtpd"
      stop_server; start_server "$port"
    elif ! answers "$port"; then
      log "aiosmtpd runs but does not answer; restarting"
      stop_server; start_server "$port"
    else
      log "aiosmtpd already running on $HOST ports $port and $((port + 1))"
    fi
  else
    start_server "$port"
  fi
  write_env aiosmtpd \
    "INET_TEST_AIOSMTPD_HOST=$HOST" \
    "INET_TEST_AIOSMTPD_PORT=$port" \
    "INET_TEST_AIOSMTPD_TLS_PORT=$((port + 1))" \
    "INET_TEST_AIOSMTPD_USER=$USER_NAME" \
    "INET_TEST_AIOSMTPD_PASS=$USER_PASS" \
    "INET_TEST_AIOSMTPD_OUTDIR=$OUTDIR" \
    "INET_TEST_AIOSMTPD_CA=$INET_TEST_TLS_DIR/cert.pem"
  cat "$INET_TEST_ENV_DIR/aiosmtpd.env"
}

cmd_stop() {
  is_root || die "must run as root"
  stop_server
  remove_env aiosmtpd
}

cmd_status() {
  local port
  server_pid >/dev/null && port=$(saved_port) && answers "$port" || { echo "aiosmtpd: not running"; return 1; }
  echo "aiosmtpd: $HOST ports $port (STARTTLS) and $((port + 1)) (implicit TLS) answer 220"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
