#!/usr/bin/env bash
# vsftpd (Debian package vsftpd) as the FTP server for the integration tests.
#   vsftpd.sh start   install if needed, configure, start (or keep running), write the env file
#   vsftpd.sh stop    stop the vsftpd this script started (by its saved pid)
#   vsftpd.sh status  exit 0 when it answers with a 220 welcome
# Needs root. Plain FTP on 127.0.0.1 (2121 unless taken): local user ftpuser/ftppass (writable
# home) and anonymous (read-only, rooted in a folder of ours). Its own config under
# $INET_TEST_STATE/vsftpd; the system's /etc/vsftpd.conf and systemd unit are left alone.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LOG_TAG=vsftpd
# shellcheck source=common.sh
. "$HERE/common.sh"

VSFTPD=/usr/sbin/vsftpd
STATE=$INET_TEST_STATE/vsftpd
CONF=$STATE/vsftpd.conf
PIDFILE=$STATE/vsftpd.pid
PORTFILE=$STATE/port
ANON_ROOT=$STATE/anon
EMPTY_DIR=/var/run/vsftpd/empty   # secure_chroot_dir; /run may be emptied, so made before every start
HOST=127.0.0.1
USER_NAME=ftpuser
USER_PASS=ftppass

# The pid of the vsftpd we started, when it still runs.
vsftpd_pid() {
  local pid
  pid=$(cat "$PIDFILE" 2>/dev/null) || return 1
  [ -n "$pid" ] && pid_alive "$pid" && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = vsftpd ] && echo "$pid"
}

saved_port() { cat "$PORTFILE" 2>/dev/null; }

choose_port() {
  local current
  current=$(saved_port || true)
  if [ -n "$current" ] && vsftpd_pid >/dev/null && port_in_use "$current"; then
    echo "$current"; return 0
  fi
  port_in_use 2121 && log "port 2121 is taken by '$(port_owner 2121)'; using another port"
  first_free_port 2121 2122 12121 21210 21211
}

ensure_user() {
  grep -qx /bin/bash /etc/shells || echo /bin/bash >> /etc/shells   # pam_shells refuses other shells
  if ! id "$USER_NAME" >/dev/null 2>&1; then
    log "creating user $USER_NAME"
    useradd -m -s /bin/bash "$USER_NAME"
  fi
  # Set every time: cheap, and a password changed by hand would fail every test.
  echo "$USER_NAME:$USER_PASS" | chpasswd
  local home
  home=$(user_home)
  [ -d "$home" ] || install -d -o "$USER_NAME" -g "$(id -gn "$USER_NAME")" -m 755 "$home"
}

user_home() { getent passwd "$USER_NAME" | cut -d: -f6; }

write_conf() {
  local port=$1 tmp
  mkdir -p "$STATE"
  # Anonymous is chrooted here; vsftpd refuses a root the anonymous user can write to.
  install -d -o root -g root -m 755 "$ANON_ROOT"
  [ -f "$ANON_ROOT/anon.txt" ] || echo 'hello anonymous' > "$ANON_ROOT/anon.txt"
  tmp=$(mktemp "$CONF.XXXXXX")
  cat > "$tmp" <<CONF
# Written by Inet's scripts/servers/vsftpd.sh for the integration tests (loopback only).
listen=YES
listen_address=$HOST
listen_port=$port
background=NO
seccomp_sandbox=NO
anonymous_enable=YES
anon_root=$ANON_ROOT
no_anon_password=YES
local_enable=YES
write_enable=YES
local_umask=022
pam_service_name=vsftpd
secure_chroot_dir=$EMPTY_DIR
pasv_enable=YES
pasv_min_port=30000
pasv_max_port=30100
xferlog_enable=YES
log_ftp_protocol=YES
vsftpd_log_file=$STATE/vsftpd.log
ssl_enable=NO
CONF
  chmod 644 "$tmp"
  if cmp -s "$tmp" "$CONF"; then rm -f "$tmp"; return 1; fi   # 1: unchanged
  mv "$tmp" "$CONF"
}

start_vsftpd() {
  local port=$1 pid banner
  mkdir -p "$EMPTY_DIR"
  log "starting vsftpd on $HOST:$port"
  # background=NO: vsftpd stays in the foreground, so $! is its pid (setsid execs, no fork).
  setsid "$VSFTPD" "$CONF" > "$STATE/stderr.log" 2>&1 < /dev/null &
  pid=$!
  echo "$pid" > "$PIDFILE"
  echo "$port" > "$PORTFILE"
  if ! wait_port "$port" 10 || ! banner=$(wait_banner "$HOST" "$port" '^220[ -]' 10); then
    sed 's/^/  vsftpd: /' "$STATE/stderr.log" >&2 || true
    stop_pid "$pid" "$port" 5
    rm -f "$PIDFILE"
    die "vsftpd did not send a welcome on $HOST:$port"
  fi
  vsftpd_pid >/dev/null || die "the process on $HOST:$port is not the vsftpd started (pid $pid)"
  log "vsftpd is up (pid $pid): $banner"
}

stop_vsftpd() {
  local pid port
  pid=$(vsftpd_pid) || { rm -f "$PIDFILE"; return 0; }
  port=$(saved_port || true)
  log "stopping vsftpd (pid $pid)"
  stop_pid "$pid" "$port" 10
  [ -z "$port" ] || wait_port_closed "$port" 10 || log "port $port is still open"
  wait_pid_gone "$pid" 5 || true
  rm -f "$PIDFILE"
}

cmd_start() {
  is_root || die "must run as root"
  local port changed=0
  apt_install vsftpd || die "could not install vsftpd"
  ensure_user
  port=$(choose_port) || die "no free port for vsftpd"
  write_conf "$port" && changed=1
  if vsftpd_pid >/dev/null; then
    if [ $changed -eq 1 ]; then
      log "configuration changed; restarting vsftpd"
      stop_vsftpd; start_vsftpd "$port"
    elif ! read_banner "$HOST" "$port" 5 | grep -q '^220[ -]'; then
      log "vsftpd runs but does not answer; restarting"
      stop_vsftpd; start_vsftpd "$port"
    else
      log "vsftpd already running on $HOST:$port"
    fi
  else
    start_vsftpd "$port"
  fi
  write_env vsftpd \
    "INET_TEST_FTP_HOST=$HOST" \
    "INET_TEST_FTP_PORT=$port" \
    "INET_TEST_FTP_USER=$USER_NAME" \
    "INET_TEST_FTP_PASS=$USER_PASS" \
    "INET_TEST_FTP_HOME=$(user_home)"
  cat "$INET_TEST_ENV_DIR/vsftpd.env"
}

cmd_stop() {
  is_root || die "must run as root"
  stop_vsftpd
  remove_env vsftpd
}

cmd_status() {
  local port
  vsftpd_pid >/dev/null || return 1
  port=$(saved_port) || return 1
  read_banner "$HOST" "$port" 5 | grep '^220[ -]'
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
