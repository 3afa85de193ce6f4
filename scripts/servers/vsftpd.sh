#!/usr/bin/env bash
# vsftpd (Debian package vsftpd 3.0.3) as the FTP and FTPS server for the integration tests.
#   vsftpd.sh start   install if needed, configure, start (or keep running), write the env file
#   vsftpd.sh stop    stop the vsftpd instances this script started (by their saved pids)
#   vsftpd.sh status  exit 0 when every instance answers with a 220 welcome
# Needs root. Three instances of one binary, each with its own config, pid file, log and passive
# port range (they never overlap), all with the same users:
#   main      127.0.0.1:2121  plain FTP and explicit FTPS (AUTH TLS) on the same port; TLS is
#             optional for login and data; require_ssl_reuse=YES (a data connection must resume
#             the control connection's TLS session)              passive 30000-30099
#   implicit  127.0.0.1:9990  implicit FTPS (TLS from the first byte)  passive 30100-30149
#   ipv6      [::1]:2123      plain FTP and explicit FTPS on ::1 (only when lo has ::1)
#                                                                     passive 30150-30199
# (each port moves on to the next free one in its list when taken.)
# Users: local user ftpuser/ftppass (writable home) and anonymous (read-only, rooted in a folder
# of ours, over TLS too). TLS uses the shared test certificate (common.sh ensure_tls_cert).
# Its own configs under $INET_TEST_STATE/vsftpd; the system's /etc/vsftpd.conf and systemd unit
# are left alone.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LOG_TAG=vsftpd
# shellcheck source=common.sh
. "$HERE/common.sh"

VSFTPD=/usr/sbin/vsftpd
STATE=$INET_TEST_STATE/vsftpd
ANON_ROOT=$STATE/anon
EMPTY_DIR=/var/run/vsftpd/empty   # secure_chroot_dir; /run may be emptied, so made before every start
USER_NAME=ftpuser
USER_PASS=ftppass

# name | address | candidate ports | passive range
declare -A INST_HOST=([main]=127.0.0.1 [implicit]=127.0.0.1 [ipv6]=::1)
declare -A INST_PORTS=([main]="2121 12121 21210 21211" [implicit]="9990 9991 19990" [ipv6]="2123 12123 21230")
declare -A INST_PASV=([main]="30000 30099" [implicit]="30100 30149" [ipv6]="30150 30199")

# The instances to run: ipv6 only when the loopback interface has ::1.
instances() {
  if ip -6 addr show lo 2>/dev/null | grep -q 'inet6 ::1/'; then echo main implicit ipv6
  else echo main implicit; fi
}
ALL_INSTANCES="main implicit ipv6"

conf_file() { echo "$STATE/$1.conf"; }
pid_file()  { echo "$STATE/$1.pid"; }
port_file() { echo "$STATE/$1.port"; }

# inst_pid NAME: the pid of that vsftpd instance we started, when it still runs.
inst_pid() {
  local pid
  pid=$(cat "$(pid_file "$1")" 2>/dev/null) || return 1
  [ -n "$pid" ] && pid_alive "$pid" && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = vsftpd ] && echo "$pid"
}

saved_port() { cat "$(port_file "$1")" 2>/dev/null; }

# inst_banner NAME PORT [SECONDS]: the welcome line (over TLS for the implicit instance).
inst_banner() {
  if [ "$1" = implicit ]; then read_tls_banner "${INST_HOST[$1]}" "$2" "${3:-5}"
  else read_banner "${INST_HOST[$1]}" "$2" "${3:-5}"; fi
}

choose_port() {
  local name=$1 current
  current=$(saved_port "$name" || true)
  if [ -n "$current" ] && inst_pid "$name" >/dev/null && port_in_use "$current"; then
    echo "$current"; return 0
  fi
  # shellcheck disable=SC2086
  set -- ${INST_PORTS[$name]}
  port_in_use "$1" && log "port $1 for the $name instance is taken by '$(port_owner "$1")'; using another port"
  first_free_port "$@"
}

# write_conf NAME PORT: returns 1 when the file was already exactly this.
write_conf() {
  local name=$1 port=$2 conf tmp pasv listen tls
  conf=$(conf_file "$name")
  # shellcheck disable=SC2206
  pasv=(${INST_PASV[$name]})
  case $name in
    ipv6) listen="listen=NO
listen_ipv6=YES
listen_address6=${INST_HOST[$name]}" ;;
    *) listen="listen=YES
listen_address=${INST_HOST[$name]}" ;;
  esac
  if [ "$name" = implicit ]; then tls=implicit_ssl=YES; else tls=implicit_ssl=NO; fi
  tmp=$(mktemp "$conf.XXXXXX")
  cat > "$tmp" <<CONF
# Written by Inet's scripts/servers/vsftpd.sh for the integration tests (loopback only).
# Instance: $name. Certificate and key digest: $(tls_cert_digest)
$listen
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
pasv_min_port=${pasv[0]}
pasv_max_port=${pasv[1]}
xferlog_enable=YES
log_ftp_protocol=YES
vsftpd_log_file=$STATE/$name.log
# TLS: optional for login and data, for local users and anonymous alike. vsftpd 3.0.3 has no
# ssl_tlsv1_2 option (it would refuse to start); it offers TLS 1.2 and 1.3 whatever ssl_tlsv1 says.
ssl_enable=YES
$tls
allow_anon_ssl=YES
force_local_logins_ssl=NO
force_local_data_ssl=NO
force_anon_logins_ssl=NO
force_anon_data_ssl=NO
require_ssl_reuse=YES
ssl_ciphers=HIGH
rsa_cert_file=$INET_TEST_TLS_DIR/cert.pem
rsa_private_key_file=$INET_TEST_TLS_DIR/key.pem
CONF
  chmod 644 "$tmp"
  if cmp -s "$tmp" "$conf"; then rm -f "$tmp"; return 1; fi   # 1: unchanged
  mv "$tmp" "$conf"
}

start_inst() {
  local name=$1 port=$2 host=${INST_HOST[$1]} pid banner regex='^220[ -]'
  mkdir -p "$EMPTY_DIR"
  log "starting the $name instance on $host port $port"
  # background=NO: vsftpd stays in the foreground, so $! is its pid (setsid execs, no fork).
  setsid "$VSFTPD" "$(conf_file "$name")" > "$STATE/$name.stderr.log" 2>&1 < /dev/null &
  pid=$!
  echo "$pid" > "$(pid_file "$name")"
  echo "$port" > "$(port_file "$name")"
  if ! wait_port "$port" 10; then banner=
  elif [ "$name" = implicit ]; then banner=$(wait_tls_banner "$host" "$port" "$regex" 10) || banner=
  else banner=$(wait_banner "$host" "$port" "$regex" 10) || banner=
  fi
  if [ -z "$banner" ]; then
    sed 's/^/  vsftpd: /' "$STATE/$name.stderr.log" >&2 || true
    stop_pid "$pid" "$port" 5
    rm -f "$(pid_file "$name")"
    die "the $name instance did not send a welcome on $host port $port"
  fi
  inst_pid "$name" >/dev/null || die "the process on $host port $port is not the vsftpd started (pid $pid)"
  log "$name is up (pid $pid): $banner"
}

stop_inst() {
  local name=$1 pid port
  pid=$(inst_pid "$name") || { rm -f "$(pid_file "$name")"; return 0; }
  port=$(saved_port "$name" || true)
  log "stopping the $name instance (pid $pid)"
  stop_pid "$pid" "$port" 10
  [ -z "$port" ] || wait_port_closed "$port" 10 || log "port $port is still open"
  wait_pid_gone "$pid" 5 || true
  rm -f "$(pid_file "$name")"
}

# Before the instances there was one vsftpd with $STATE/vsftpd.pid and $STATE/port.
stop_legacy() {
  local pid port
  pid=$(cat "$STATE/vsftpd.pid" 2>/dev/null || true)
  port=$(cat "$STATE/port" 2>/dev/null || true)
  if [ -n "$pid" ] && pid_alive "$pid" && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = vsftpd ]; then
    log "stopping the vsftpd started by an older vsftpd.sh (pid $pid)"
    stop_pid "$pid" "$port" 10
    wait_pid_gone "$pid" 5 || true
  fi
  rm -f "$STATE/vsftpd.pid" "$STATE/port" "$STATE/vsftpd.conf" "$STATE/stderr.log" "$STATE/vsftpd.log"
}

# ensure_inst NAME: configured and running; sets PORT_OF[NAME].
declare -A PORT_OF=()
ensure_inst() {
  local name=$1 port changed=0
  port=$(choose_port "$name") || die "no free port for the $name instance"
  write_conf "$name" "$port" && changed=1
  if inst_pid "$name" >/dev/null; then
    if [ $changed -eq 1 ]; then
      log "configuration of $name changed; restarting it"
      stop_inst "$name"; start_inst "$name" "$port"
    elif ! inst_banner "$name" "$port" 5 | grep -q '^220[ -]'; then
      log "$name runs but does not answer; restarting it"
      stop_inst "$name"; start_inst "$name" "$port"
    else
      log "$name already running on ${INST_HOST[$name]} port $port"
    fi
  else
    start_inst "$name" "$port"
  fi
  PORT_OF[$name]=$port
}

cmd_start() {
  is_root || die "must run as root"
  local name
  apt_install vsftpd openssl || die "could not install vsftpd"
  ensure_local_user "$USER_NAME" "$USER_PASS"
  ensure_tls_cert || die "could not make the TLS certificate"
  mkdir -p "$STATE"
  # Anonymous is chrooted here; vsftpd refuses a root the anonymous user can write to.
  install -d -o root -g root -m 755 "$ANON_ROOT"
  [ -f "$ANON_ROOT/anon.txt" ] || echo 'hello anonymous' > "$ANON_ROOT/anon.txt"
  stop_legacy
  for name in $ALL_INSTANCES; do
    [[ " $(instances) " == *" $name "* ]] || stop_inst "$name"
  done
  for name in $(instances); do ensure_inst "$name"; done
  local vars=(
    "INET_TEST_FTP_HOST=${INST_HOST[main]}"
    "INET_TEST_FTP_PORT=${PORT_OF[main]}"
    "INET_TEST_FTP_USER=$USER_NAME"
    "INET_TEST_FTP_PASS=$USER_PASS"
    "INET_TEST_FTP_HOME=$(user_home "$USER_NAME")"
    "INET_TEST_FTP_CA=$INET_TEST_TLS_DIR/cert.pem"
    "INET_TEST_FTP_IMPLICIT_PORT=${PORT_OF[implicit]}"
  )
  [ -z "${PORT_OF[ipv6]:-}" ] || vars+=("INET_TEST_FTP_IPV6_HOST=${INST_HOST[ipv6]}" "INET_TEST_FTP_IPV6_PORT=${PORT_OF[ipv6]}")
  write_env vsftpd "${vars[@]}"
  cat "$INET_TEST_ENV_DIR/vsftpd.env"
}

cmd_stop() {
  is_root || die "must run as root"
  local name
  for name in $ALL_INSTANCES; do stop_inst "$name"; done
  stop_legacy
  remove_env vsftpd
}

cmd_status() {
  local name port rc=0
  for name in $(instances); do
    if inst_pid "$name" >/dev/null && port=$(saved_port "$name") \
       && inst_banner "$name" "$port" 5 | grep -q '^220[ -]'; then
      echo "$name: ${INST_HOST[$name]} port $port answers 220"
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
