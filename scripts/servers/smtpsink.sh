#!/usr/bin/env bash
# Postfix's smtp-sink (Debian package postfix 3.7) as the plain SMTP and LMTP test sinks.
#   smtpsink.sh start   install if needed, start (or keep running), write the env file
#   smtpsink.sh stop    stop the smtp-sink instances this script started (by their saved pids)
#   smtpsink.sh status  exit 0 when every instance answers with a 220 greeting
# Needs root. Two instances, both saving one file per message (-d: the message with X-Mail-Args,
# X-Rcpt-Args and other X- headers of the envelope in front; written as the user nobody):
#   smtp  127.0.0.1:2525  SMTP; files under $INET_TEST_STATE/smtpsink/mail
#   lmtp  127.0.0.1:2524  LMTP (-L); files under $INET_TEST_STATE/smtpsink/lmtp
# (each port moves on to the next free one in its list when taken.)
# smtp-sink offers PIPELINING 8BITMIME AUTH DSN ENHANCEDSTATUSCODES XCLIENT XFORWARD, and no SIZE,
# STARTTLS, SMTPUTF8 or CHUNKING (no option adds them).
# Trap: it advertises AUTH PLAIN LOGIN but answers every AUTH with 250 (not 235), so a client
# that checks for 235 fails; AUTH tests belong to aiosmtpd.sh.
# Postfix is installed with the debconf answer "No configuration": no main.cf, no postfix daemon.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LOG_TAG=smtpsink
# shellcheck source=common.sh
. "$HERE/common.sh"

SMTP_SINK=/usr/sbin/smtp-sink
STATE=$INET_TEST_STATE/smtpsink
HOST=127.0.0.1
RUN_USER=nobody                   # required as root (-u); it owns the message folders

declare -A INST_PORTS=([smtp]="2525 12525 25250 25251" [lmtp]="2524 12524 25240 25241")
declare -A INST_DIR=([smtp]=$STATE/mail [lmtp]=$STATE/lmtp)
INSTANCES="smtp lmtp"

pid_file()  { echo "$STATE/$1.pid"; }
port_file() { echo "$STATE/$1.port"; }
args_file() { echo "$STATE/$1.args"; }

# inst_pid NAME: the pid of that smtp-sink we started, when it still runs.
inst_pid() {
  local pid
  pid=$(cat "$(pid_file "$1")" 2>/dev/null) || return 1
  [ -n "$pid" ] && pid_alive "$pid" && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = smtp-sink ] && echo "$pid"
}

saved_port() { cat "$(port_file "$1")" 2>/dev/null; }

choose_port() {
  local name=$1 current
  current=$(saved_port "$name" || true)
  if [ -n "$current" ] && inst_pid "$name" >/dev/null && port_in_use "$current"; then
    echo "$current"; return 0
  fi
  # shellcheck disable=SC2086
  set -- ${INST_PORTS[$name]}
  port_in_use "$1" && log "port $1 for the $name sink is taken by '$(port_owner "$1")'; using another port"
  first_free_port "$@"
}

# server_args NAME PORT: the command line, one argument a line.
server_args() {
  local name=$1 port=$2
  [ "$name" = lmtp ] && echo -L
  # -d: one file per message; smtp-sink expands strftime and appends a random hex id, so
  # the names sort by arrival time and never collide.
  printf '%s\n' -u "$RUN_USER" -h smtp-sink.test -d "${INST_DIR[$name]}/%Y%m%d-%H%M%S." "$HOST:$port" 256
}

# write_args NAME PORT: returns 1 when the command line is unchanged.
write_args() {
  local file tmp
  file=$(args_file "$1")
  tmp=$(mktemp "$file.XXXXXX")
  server_args "$1" "$2" > "$tmp"
  if cmp -s "$tmp" "$file"; then rm -f "$tmp"; return 1; fi
  mv "$tmp" "$file"
}

start_inst() {
  local name=$1 port=$2 pid banner args
  mapfile -t args < "$(args_file "$name")"
  log "starting the $name sink on $HOST port $port"
  # smtp-sink stays in the foreground, so $! is its pid (setsid execs, no fork).
  setsid "$SMTP_SINK" "${args[@]}" > "$STATE/$name.log" 2>&1 < /dev/null &
  pid=$!
  echo "$pid" > "$(pid_file "$name")"
  echo "$port" > "$(port_file "$name")"
  if ! wait_port "$port" 10 || ! banner=$(wait_banner "$HOST" "$port" '^220[ -]' 10); then
    sed 's/^/  smtp-sink: /' "$STATE/$name.log" >&2 || true
    stop_pid "$pid" "$port" 5
    rm -f "$(pid_file "$name")"
    die "the $name sink did not greet on $HOST port $port"
  fi
  inst_pid "$name" >/dev/null || die "the process on $HOST port $port is not the smtp-sink started (pid $pid)"
  log "$name is up (pid $pid): $banner"
}

stop_inst() {
  local name=$1 pid port
  pid=$(inst_pid "$name") || { rm -f "$(pid_file "$name")"; return 0; }
  port=$(saved_port "$name" || true)
  log "stopping the $name sink (pid $pid)"
  stop_pid "$pid" "$port" 10
  [ -z "$port" ] || wait_port_closed "$port" 10 || log "port $port is still open"
  wait_pid_gone "$pid" 5 || true
  rm -f "$(pid_file "$name")"
}

# ensure_inst NAME: running with the current command line; sets PORT_OF[NAME].
declare -A PORT_OF=()
ensure_inst() {
  local name=$1 port changed=0
  port=$(choose_port "$name") || die "no free port for the $name sink"
  write_args "$name" "$port" && changed=1
  if inst_pid "$name" >/dev/null; then
    if [ $changed -eq 1 ]; then
      log "command line of $name changed; restarting it"
      stop_inst "$name"; start_inst "$name" "$port"
    elif ! read_banner "$HOST" "$port" 5 | grep -q '^220[ -]'; then
      log "$name runs but does not answer; restarting it"
      stop_inst "$name"; start_inst "$name" "$port"
    else
      log "$name already running on $HOST port $port"
    fi
  else
    start_inst "$name" "$port"
  fi
  PORT_OF[$name]=$port
}

cmd_start() {
  is_root || die "must run as root"
  local name
  # Without this answer the postfix postinst writes a main.cf and tries to start postfix.
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  apt_install postfix || die "could not install postfix"
  mkdir -p "$STATE"
  for name in $INSTANCES; do
    install -d -o "$RUN_USER" -g "$(id -gn "$RUN_USER")" -m 755 "${INST_DIR[$name]}"
  done
  for name in $INSTANCES; do ensure_inst "$name"; done
  write_env smtpsink \
    "INET_TEST_SMTPSINK_HOST=$HOST" \
    "INET_TEST_SMTPSINK_PORT=${PORT_OF[smtp]}" \
    "INET_TEST_SMTPSINK_LMTP_PORT=${PORT_OF[lmtp]}" \
    "INET_TEST_SMTPSINK_MAILDIR=${INST_DIR[smtp]}" \
    "INET_TEST_SMTPSINK_LMTP_MAILDIR=${INST_DIR[lmtp]}"
  cat "$INET_TEST_ENV_DIR/smtpsink.env"
}

cmd_stop() {
  is_root || die "must run as root"
  local name
  for name in $INSTANCES; do stop_inst "$name"; done
  remove_env smtpsink
}

cmd_status() {
  local name port rc=0
  for name in $INSTANCES; do
    if inst_pid "$name" >/dev/null && port=$(saved_port "$name") \
       && read_banner "$HOST" "$port" 5 | grep -q '^220[ -]'; then
      echo "$name: $HOST port $port answers 220"
    else
      echo "$name: not running"; rc=1
    fi
  done
  return $rc
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
