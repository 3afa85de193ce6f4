#!/usr/bin/env bash
# Dovecot (Debian packages dovecot-imapd, -pop3d, -lmtpd 2.3.19) as the IMAP, POP3 and LMTP test server.
#   dovecot.sh start   install if needed, configure, start (or keep running), write the env file
#   dovecot.sh stop    stop the Dovecot this script started (by its saved master pid)
#   dovecot.sh status  exit 0 when every listener answers
# Needs root. One master process from one standalone config, $INET_TEST_STATE/dovecot/dovecot.conf
# (dovecot -c: nothing under /etc/dovecot is read; base_dir is private, so a system Dovecot, if
# any, is left alone). Listeners on 127.0.0.1, and on ::1 as well when lo has ::1:
#   imap   1143  IMAP, STARTTLS offered        imaps  1993  IMAP over implicit TLS
#   pop3   1110  POP3, STLS offered            pop3s  1995  POP3 over implicit TLS
#   lmtp   2424  LMTP (no auth; STARTTLS offered), delivers into the users' maildirs
# (each port moves on to the next free one in its list when taken.)
# Users (passwd-file, {PLAIN} passwords): testuser/testpass and other/otherpass; "user@domain"
# maps to "user". Mail: maildir $INET_TEST_STATE/dovecot/mail/<user>/Maildir, owned by the
# system user vmail (made here), folder separator ".". SASL: PLAIN, LOGIN and CRAM-MD5.
# Plain-text login is allowed without TLS (and Dovecot counts loopback as secure anyway).
# mail_fsync = never: delivery is 15 times faster, and a crash losing test mail does not matter.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LOG_TAG=dovecot
# shellcheck source=common.sh
. "$HERE/common.sh"

DOVECOT=/usr/sbin/dovecot
DOVECONF=/usr/bin/doveconf
STATE=$INET_TEST_STATE/dovecot
CONF=$STATE/dovecot.conf
USERS_FILE=$STATE/users
MAIL_ROOT=$STATE/mail
PIDFILE=$STATE/dovecot.pid        # written by us ($!); Dovecot's own is $STATE/run/master.pid
HOST=127.0.0.1
MAIL_USER=vmail                   # owns every mailbox; uid >= 1000 (Dovecot's first_valid_uid is 500)
USER1=testuser PASS1=testpass
USER2=other PASS2=otherpass

LISTENERS="imap imaps pop3 pop3s lmtp"
declare -A PORTS=([imap]="1143 11143 21143" [imaps]="1993 11993 21993" [pop3]="1110 11110 21110"
  [pop3s]="1995 11995 21995" [lmtp]="2424 12424 24240")
declare -A GREETING=([imap]='^\* OK' [imaps]='^\* OK' [pop3]='^\+OK' [pop3s]='^\+OK' [lmtp]='^220[ -]')
declare -A BYE=([imaps]='a LOGOUT' [pop3s]=QUIT)
declare -A PORT_OF=()

port_file() { echo "$STATE/$1.port"; }
saved_port() { cat "$(port_file "$1")" 2>/dev/null; }

# listen_addresses: 127.0.0.1, plus ::1 when the loopback interface has it.
listen_addresses() {
  if ip -6 addr show lo 2>/dev/null | grep -q 'inet6 ::1/'; then echo "$HOST, ::1"; else echo "$HOST"; fi
}

master_pid() {
  local pid
  pid=$(cat "$PIDFILE" 2>/dev/null) || return 1
  [ -n "$pid" ] && pid_alive "$pid" && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = dovecot ] && echo "$pid"
}

# answers NAME PORT [SECONDS]: the listener greets as its protocol does (implicit TLS verified
# against the test CA).
answers() {
  local name=$1 port=$2 limit=${3:-5}
  case $name in
    imaps | pop3s) read_tls_banner "$HOST" "$port" "$limit" "${BYE[$name]}" | grep -Eq "${GREETING[$name]}" ;;
    *) read_banner "$HOST" "$port" "$limit" | grep -Eq "${GREETING[$name]}" ;;
  esac
}

# choose_ports: fills PORT_OF; keeps the ports of a running master.
choose_ports() {
  local name current running=0
  master_pid >/dev/null && running=1
  for name in $LISTENERS; do
    current=$(saved_port "$name" || true)
    if [ $running -eq 1 ] && [ -n "$current" ] && port_in_use "$current"; then
      PORT_OF[$name]=$current; continue
    fi
    # shellcheck disable=SC2086
    set -- ${PORTS[$name]}
    port_in_use "$1" && log "port $1 for $name is taken by '$(port_owner "$1")'; using another port"
    PORT_OF[$name]=$(first_free_port "$@") || die "no free port for $name"
  done
}

ensure_users() {
  id "$MAIL_USER" >/dev/null 2>&1 || { log "creating user $MAIL_USER"; useradd -M -d /nonexistent -s /usr/sbin/nologin "$MAIL_USER"; }
  install -d -m 755 "$STATE"
  install -d -o "$MAIL_USER" -g "$(id -gn "$MAIL_USER")" -m 755 "$MAIL_ROOT"
  # name:{PLAIN}password:uid:gid:gecos:home:shell:extra; uid, gid and home come from userdb's
  # default_fields. {PLAIN} (not a hash) is what lets CRAM-MD5 work. Read by the auth process,
  # which runs as the user dovecot.
  printf '%s:{PLAIN}%s::::::\n' "$USER1" "$PASS1" "$USER2" "$PASS2" > "$USERS_FILE.tmp"
  chown root:dovecot "$USERS_FILE.tmp"; chmod 640 "$USERS_FILE.tmp"
  mv "$USERS_FILE.tmp" "$USERS_FILE"
}

# write_conf: returns 1 when the file was already exactly this.
write_conf() {
  local tmp
  tmp=$(mktemp "$CONF.XXXXXX")
  cat > "$tmp" <<CONF
# Written by Inet's scripts/servers/dovecot.sh for the integration tests (loopback only).
# Complete: started with dovecot -c, nothing from /etc/dovecot is read.
# Certificate and key digest: $(tls_cert_digest)
protocols = imap pop3 lmtp
listen = $(listen_addresses)
base_dir = $STATE/run
state_dir = $STATE/state
log_path = $STATE/dovecot.log
ssl = yes
ssl_cert = <$INET_TEST_TLS_DIR/cert.pem
ssl_key = <$INET_TEST_TLS_DIR/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login cram-md5
# The default 2 s pause after a failed login only slows down the tests that check refusals.
auth_failure_delay = 0
mail_location = maildir:$MAIL_ROOT/%n/Maildir
mail_fsync = never
# Tests run in parallel as the same user from the same address; the default limit is 10.
mail_max_userip_connections = 100
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%n $USERS_FILE
}
userdb {
  driver = passwd-file
  args = username_format=%n $USERS_FILE
  default_fields = uid=$MAIL_USER gid=$(id -gn "$MAIL_USER") home=$MAIL_ROOT/%n
}
service imap-login {
  inet_listener imap {
    port = ${PORT_OF[imap]}
  }
  inet_listener imaps {
    port = ${PORT_OF[imaps]}
    ssl = yes
  }
}
service pop3-login {
  inet_listener pop3 {
    port = ${PORT_OF[pop3]}
  }
  inet_listener pop3s {
    port = ${PORT_OF[pop3s]}
    ssl = yes
  }
}
service lmtp {
  inet_listener lmtp {
    port = ${PORT_OF[lmtp]}
  }
}
CONF
  chmod 644 "$tmp"
  if cmp -s "$tmp" "$CONF"; then rm -f "$tmp"; return 1; fi
  mv "$tmp" "$CONF"
}

start_master() {
  local pid name ok=1
  "$DOVECONF" -c "$CONF" -n > /dev/null 2> "$STATE/doveconf.err" || { cat "$STATE/doveconf.err" >&2; die "$CONF does not parse"; }
  log "starting dovecot (imap ${PORT_OF[imap]}, imaps ${PORT_OF[imaps]}, pop3 ${PORT_OF[pop3]}, pop3s ${PORT_OF[pop3s]}, lmtp ${PORT_OF[lmtp]})"
  # -F: the master stays in the foreground, so $! is its pid (setsid execs, no fork).
  setsid "$DOVECOT" -F -c "$CONF" > "$STATE/stderr.log" 2>&1 < /dev/null &
  pid=$!
  echo "$pid" > "$PIDFILE"
  for name in $LISTENERS; do echo "${PORT_OF[$name]}" > "$(port_file "$name")"; done
  for name in $LISTENERS; do
    wait_port "${PORT_OF[$name]}" 10 || { ok=0; break; }
  done
  if [ $ok -eq 1 ]; then
    for name in $LISTENERS; do
      local i
      for ((i = 0; i < 40; i++)); do answers "$name" "${PORT_OF[$name]}" 3 && break; sleep 0.25; done
      [ $i -lt 40 ] || { ok=0; log "$name on port ${PORT_OF[$name]} does not greet"; break; }
    done
  fi
  if [ $ok -eq 0 ]; then
    sed 's/^/  dovecot: /' "$STATE/stderr.log" "$STATE/dovecot.log" >&2 2>/dev/null || true
    stop_master
    die "dovecot did not start"
  fi
  master_pid >/dev/null || die "the process on port ${PORT_OF[imap]} is not the dovecot started (pid $pid)"
  log "dovecot is up (pid $pid): $(read_banner "$HOST" "${PORT_OF[imap]}" 5)"
}

# Stops the master by its pid; its children (logins, auth, imap, ...) exit with it.
stop_master() {
  local pid name port
  pid=$(master_pid) || { rm -f "$PIDFILE"; return 0; }
  log "stopping dovecot (pid $pid)"
  stop_pid "$pid" "$(saved_port imap || true)" 10
  for name in $LISTENERS; do
    port=$(saved_port "$name" || true)
    [ -z "$port" ] || wait_port_closed "$port" 10 || log "port $port ($name) is still open"
  done
  wait_pid_gone "$pid" 5 || true
  rm -f "$PIDFILE"
}

cmd_start() {
  is_root || die "must run as root"
  local changed=0 name healthy=1
  apt_install dovecot-imapd dovecot-pop3d dovecot-lmtpd openssl || die "could not install dovecot"
  ensure_tls_cert || die "could not make the TLS certificate"
  ensure_users
  choose_ports
  write_conf && changed=1
  if master_pid >/dev/null; then
    for name in $LISTENERS; do answers "$name" "${PORT_OF[$name]}" 5 || { healthy=0; break; }; done
    if [ $changed -eq 1 ]; then
      log "configuration changed; restarting dovecot"
      stop_master; start_master
    elif [ $healthy -eq 0 ]; then
      log "dovecot runs but $name does not answer; restarting"
      stop_master; start_master
    else
      log "dovecot already running"
    fi
  else
    start_master
  fi
  local vars=(
    "INET_TEST_DOVECOT_HOST=$HOST"
    "INET_TEST_DOVECOT_IMAP_PORT=${PORT_OF[imap]}"
    "INET_TEST_DOVECOT_IMAPS_PORT=${PORT_OF[imaps]}"
    "INET_TEST_DOVECOT_POP3_PORT=${PORT_OF[pop3]}"
    "INET_TEST_DOVECOT_POP3S_PORT=${PORT_OF[pop3s]}"
    "INET_TEST_DOVECOT_LMTP_PORT=${PORT_OF[lmtp]}"
    "INET_TEST_DOVECOT_USER=$USER1"
    "INET_TEST_DOVECOT_PASS=$PASS1"
    "INET_TEST_DOVECOT_USER2=$USER2"
    "INET_TEST_DOVECOT_PASS2=$PASS2"
    "INET_TEST_DOVECOT_MAILDIR_ROOT=$MAIL_ROOT"
    "INET_TEST_DOVECOT_CA=$INET_TEST_TLS_DIR/cert.pem"
  )
  # The same ports on ::1 when lo has it.
  [[ $(listen_addresses) != *::1* ]] || vars+=("INET_TEST_DOVECOT_IPV6_HOST=::1")
  write_env dovecot "${vars[@]}"
  cat "$INET_TEST_ENV_DIR/dovecot.env"
}

cmd_stop() {
  is_root || die "must run as root"
  stop_master
  remove_env dovecot
}

cmd_status() {
  local name port rc=0
  master_pid >/dev/null || { echo "dovecot: not running"; return 1; }
  for name in $LISTENERS; do
    if port=$(saved_port "$name") && answers "$name" "$port" 5; then
      echo "$name: $HOST port $port answers"
    else
      echo "$name: not answering"; rc=1
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
