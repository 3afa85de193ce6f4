#!/usr/bin/env bash
# pure-ftpd (Debian package pure-ftpd 1.0.50) as the TLS-only FTP server for the integration tests.
#   pureftpd.sh start   fetch and unpack if needed, configure, start (or keep running), write the env file
#   pureftpd.sh stop    stop the pure-ftpd this script started (by its saved pid)
#   pureftpd.sh status  exit 0 when it answers with a 220 welcome
# Needs root. 127.0.0.1:2122 (or the next free port of its list), passive ports 30200-30300.
# TLS required for everything: -Y 3 (a plain USER gets 421; data connections must be PROT P,
# PROT C transfers get 521). Explicit TLS (AUTH TLS) only: pure-ftpd has no implicit mode.
# One virtual user (pure-pw, puredb) vuser/vpass, chrooted in a folder of ours owned by the local
# user ftpuser (made as vsftpd.sh makes it). No anonymous login (-E).
#
# Trap: vsftpd and pure-ftpd both Provide and Conflict ftp-server, so `apt-get install pure-ftpd`
# would REMOVE vsftpd. The .deb is fetched with `apt-get download` and unpacked with dpkg-deb -x
# under $INET_TEST_STATE/pureftpd/root; only its library dependencies are installed with apt.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LOG_TAG=pureftpd
# shellcheck source=common.sh
. "$HERE/common.sh"

STATE=$INET_TEST_STATE/pureftpd
ROOTFS=$STATE/root                # the unpacked .deb
PURE_FTPD=$ROOTFS/usr/sbin/pure-ftpd
PURE_PW=$ROOTFS/usr/bin/pure-pw
ARGS_FILE=$STATE/args             # the command line of the running server, one argument a line
PIDFILE=$STATE/pure-ftpd.pid      # written by us ($!); pure-ftpd's own -g file is pure-ftpd.g.pid
PORTFILE=$STATE/port
PASSWD=$STATE/pureftpd.passwd
PDB=$STATE/pureftpd.pdb
USER_STAMP=$STATE/user.stamp      # user:password:home:uid the .pdb was made for
HOME_DIR=$STATE/home
HOST=127.0.0.1
PORTS=(2122 12122 21220 21221)
PASV_RANGE=30200:30300
TLS_LEVEL=3
USER_NAME=vuser
USER_PASS=vpass
SYSTEM_USER=ftpuser               # owns the virtual user's files
SYSTEM_PASS=ftppass               # the same local user and password as vsftpd.sh

pure_pid() {
  local pid
  pid=$(cat "$PIDFILE" 2>/dev/null) || return 1
  [ -n "$pid" ] && pid_alive "$pid" && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = pure-ftpd ] && echo "$pid"
}

saved_port() { cat "$PORTFILE" 2>/dev/null; }

# Fetches pure-ftpd's .deb (without installing it: see the trap above) and unpacks it once per version.
ensure_binary() {
  local candidate have deb dl
  candidate=$(apt-cache policy pure-ftpd 2>/dev/null | sed -n 's/^ *Candidate: //p')
  if [[ ! $candidate =~ ^[0-9] ]]; then
    log "apt-get update (no candidate for pure-ftpd)"
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -qq >&2 || return 1
    candidate=$(apt-cache policy pure-ftpd 2>/dev/null | sed -n 's/^ *Candidate: //p')
  fi
  have=$(cat "$ROOTFS/.version" 2>/dev/null || true)
  if [ -x "$PURE_FTPD" ] && [ -x "$PURE_PW" ] && { [ "$have" = "$candidate" ] || [ "$candidate" = "(none)" ]; }; then
    install_lib_deps "$ROOTFS/.depends"
    return 0
  fi
  dl=$(mktemp -d "$STATE/download.XXXXXX")
  # apt-get download drops to the _apt user; let it write here so it does not warn.
  chown _apt "$dl" 2>/dev/null || true
  log "downloading pure-ftpd $candidate (not installed with apt: it would remove vsftpd)"
  (cd "$dl" && apt-get -o DPkg::Lock::Timeout=600 download -qq pure-ftpd >&2) || { rm -rf "$dl"; return 1; }
  deb=$(ls "$dl"/pure-ftpd_*.deb) || { rm -rf "$dl"; return 1; }
  rm -rf "$ROOTFS.tmp"
  dpkg-deb -x "$deb" "$ROOTFS.tmp" || { rm -rf "$dl" "$ROOTFS.tmp"; return 1; }
  dpkg-deb -f "$deb" Depends > "$ROOTFS.tmp/.depends"
  dpkg-deb -f "$deb" Version > "$ROOTFS.tmp/.version"
  rm -rf "$ROOTFS" "$dl"
  mv "$ROOTFS.tmp" "$ROOTFS"
  install_lib_deps "$ROOTFS/.depends"
}

# install_lib_deps FILE: installs the lib* packages of a Depends: line (the shared libraries the
# binary links to; not pure-ftpd-common, inetd or debconf, which the unpacked binary does not use).
install_lib_deps() {
  local libs
  # shellcheck disable=SC2207
  libs=($(tr ',' '\n' < "$1" | sed 's/|.*//; s/(.*//; s/^ *//; s/ *$//' | grep '^lib' || true))
  [ ${#libs[@]} -eq 0 ] || apt_install "${libs[@]}" || return 1
  if LD_LIBRARY_PATH= ldd "$PURE_FTPD" 2>/dev/null | grep -q 'not found'; then
    ldd "$PURE_FTPD" | grep 'not found' >&2
    return 1
  fi
}

choose_port() {
  local current
  current=$(saved_port || true)
  if [ -n "$current" ] && pure_pid >/dev/null && port_in_use "$current"; then
    echo "$current"; return 0
  fi
  port_in_use "${PORTS[0]}" && log "port ${PORTS[0]} is taken by '$(port_owner "${PORTS[0]}")'; using another port"
  first_free_port "${PORTS[@]}"
}

# The virtual user: its home (chroot) and the puredb file, made again only when something changed.
# A running pure-ftpd reads the .pdb at each login, so this never needs a restart.
ensure_virtual_user() {
  local uid stamp
  install -d -o "$SYSTEM_USER" -g "$(id -gn "$SYSTEM_USER")" -m 755 "$HOME_DIR"
  if [ ! -f "$HOME_DIR/pure.txt" ]; then
    echo 'hello pure-ftpd' > "$HOME_DIR/pure.txt"
    chown "$SYSTEM_USER:$(id -gn "$SYSTEM_USER")" "$HOME_DIR/pure.txt"
  fi
  uid=$(id -u "$SYSTEM_USER")
  stamp="$USER_NAME:$USER_PASS:$HOME_DIR:$uid"
  if [ -s "$PDB" ] && [ "$(cat "$USER_STAMP" 2>/dev/null)" = "$stamp" ]; then return 0; fi
  log "creating the virtual user $USER_NAME (pure-pw)"
  rm -f "$PASSWD.tmp" "$PDB.tmp"
  # pure-pw reads the password twice from stdin; -m writes the .pdb (argon2id hashes).
  printf '%s\n%s\n' "$USER_PASS" "$USER_PASS" \
    | "$PURE_PW" useradd "$USER_NAME" -u "$SYSTEM_USER" -g "$(id -gn "$SYSTEM_USER")" -d "$HOME_DIR" \
        -f "$PASSWD.tmp" -m -F "$PDB.tmp" >/dev/null
  chmod 600 "$PASSWD.tmp" "$PDB.tmp"
  mv "$PASSWD.tmp" "$PASSWD"; mv "$PDB.tmp" "$PDB"
  echo "$stamp" > "$USER_STAMP"
}

# server_args PORT: pure-ftpd's command line, one argument a line.
server_args() {
  local port=$1
  printf '%s\n' \
    "-S" "$HOST,$port" \
    "-p" "$PASV_RANGE" \
    "-P" "$HOST" \
    "-l" "puredb:$PDB" \
    "-E" \
    "-Y" "$TLS_LEVEL" \
    "-2" "$INET_TEST_TLS_DIR/cert.pem,$INET_TEST_TLS_DIR/key.pem" \
    "-H" \
    "-f" "none" \
    "-O" "clf:$STATE/transfer.log" \
    "-g" "$STATE/pure-ftpd.g.pid" \
    "-c" "100" \
    "-C" "100"
  # Not part of the command line: a new certificate must count as a changed configuration.
  echo "# cert $(tls_cert_digest)"
}

# write_args PORT: returns 1 when the command line is unchanged.
write_args() {
  local tmp
  tmp=$(mktemp "$ARGS_FILE.XXXXXX")
  server_args "$1" > "$tmp"
  if cmp -s "$tmp" "$ARGS_FILE"; then rm -f "$tmp"; return 1; fi
  mv "$tmp" "$ARGS_FILE"
}

start_pure() {
  local port=$1 pid banner args
  mapfile -t args < <(grep -v '^#' "$ARGS_FILE")
  log "starting pure-ftpd on $HOST:$port"
  # No -B: pure-ftpd stays in the foreground, so $! is its pid (setsid execs, no fork).
  setsid "$PURE_FTPD" "${args[@]}" > "$STATE/stderr.log" 2>&1 < /dev/null &
  pid=$!
  echo "$pid" > "$PIDFILE"
  echo "$port" > "$PORTFILE"
  if ! wait_port "$port" 10 || ! banner=$(wait_banner "$HOST" "$port" '^220[ -]' 10); then
    sed 's/^/  pure-ftpd: /' "$STATE/stderr.log" >&2 || true
    stop_pid "$pid" "$port" 5
    rm -f "$PIDFILE"
    die "pure-ftpd did not send a welcome on $HOST:$port"
  fi
  pure_pid >/dev/null || die "the process on $HOST:$port is not the pure-ftpd started (pid $pid)"
  log "pure-ftpd is up (pid $pid): $banner"
}

stop_pure() {
  local pid port
  pid=$(pure_pid) || { rm -f "$PIDFILE"; return 0; }
  port=$(saved_port || true)
  log "stopping pure-ftpd (pid $pid)"
  stop_pid "$pid" "$port" 10
  [ -z "$port" ] || wait_port_closed "$port" 10 || log "port $port is still open"
  wait_pid_gone "$pid" 5 || true
  rm -f "$PIDFILE"
}

cmd_start() {
  is_root || die "must run as root"
  local port changed=0
  mkdir -p "$STATE"
  apt_install openssl || die "could not install openssl"
  ensure_binary || die "could not fetch and unpack pure-ftpd"
  ensure_local_user "$SYSTEM_USER" "$SYSTEM_PASS"
  ensure_tls_cert || die "could not make the TLS certificate"
  ensure_virtual_user
  port=$(choose_port) || die "no free port for pure-ftpd"
  write_args "$port" && changed=1
  if pure_pid >/dev/null; then
    if [ $changed -eq 1 ]; then
      log "configuration changed; restarting pure-ftpd"
      stop_pure; start_pure "$port"
    elif ! read_banner "$HOST" "$port" 5 | grep -q '^220[ -]'; then
      log "pure-ftpd runs but does not answer; restarting"
      stop_pure; start_pure "$port"
    else
      log "pure-ftpd already running on $HOST:$port"
    fi
  else
    start_pure "$port"
  fi
  write_env pureftpd \
    "INET_TEST_PUREFTPD_HOST=$HOST" \
    "INET_TEST_PUREFTPD_PORT=$port" \
    "INET_TEST_PUREFTPD_USER=$USER_NAME" \
    "INET_TEST_PUREFTPD_PASS=$USER_PASS" \
    "INET_TEST_PUREFTPD_HOME=$HOME_DIR" \
    "INET_TEST_PUREFTPD_CA=$INET_TEST_TLS_DIR/cert.pem"
  cat "$INET_TEST_ENV_DIR/pureftpd.env"
}

cmd_stop() {
  is_root || die "must run as root"
  stop_pure
  remove_env pureftpd
}

cmd_status() {
  local port
  pure_pid >/dev/null || return 1
  port=$(saved_port) || return 1
  read_banner "$HOST" "$port" 5 | grep '^220[ -]'
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
