#!/usr/bin/env bash
# Helpers shared by the scripts/servers/<name>.sh scripts that install and run the real
# servers the integration tests talk to. Source it; it defines functions and a few variables.
#
# Every server keeps its state (logs, pid files, env file) under $INET_TEST_STATE
# (default /tmp/inet-test). A script that started a server writes the environment variables
# the tests need to $INET_TEST_STATE/env/<name>.env; test.sh sources those files.

: "${INET_TEST_STATE:=/tmp/inet-test}"
export INET_TEST_STATE
INET_TEST_TLS_DIR="$INET_TEST_STATE/tls"
INET_TEST_ENV_DIR="$INET_TEST_STATE/env"

log()  { printf '[%s] %s\n' "${LOG_TAG:-servers}" "$*" >&2; }
die()  { log "error: $*"; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# True when something listens on TCP port $1 (any address).
port_in_use() { ss -ltnH "sport = :$1" 2>/dev/null | grep -q .; }

# Prints the process names listening on TCP port $1, e.g. "innd" (needs root to see others').
port_owner() {
  { ss -ltnpH "sport = :$1" 2>/dev/null | grep -o 'users:(("[^"]*"' | sed 's/.*"\(.*\)"/\1/' | sort -u | tr '\n' ' ' | sed 's/ $//'; } || true
}

# wait_port PORT [SECONDS]: waits until something listens on PORT.
wait_port() {
  local port=$1 limit=${2:-10} i
  for ((i = 0; i < limit * 10; i++)); do port_in_use "$port" && return 0; sleep 0.1; done
  return 1
}

# wait_port_closed PORT [SECONDS]
wait_port_closed() {
  local port=$1 limit=${2:-10} i
  for ((i = 0; i < limit * 10; i++)); do port_in_use "$port" || return 0; sleep 0.1; done
  return 1
}

# read_banner HOST PORT [SECONDS]: prints the first line the server sends, CR removed.
read_banner() {
  local host=$1 port=$2 limit=${3:-5} line=
  # A subshell keeps fd 3 private and closes it on return.
  (
    exec 3<>"/dev/tcp/$host/$port" || exit 1
    IFS= read -r -t "$limit" line <&3 || exit 1
    printf '%s\n' "${line%$'\r'}"
  ) 2>/dev/null
}

# wait_banner HOST PORT REGEX [SECONDS]: polls until the welcome line matches REGEX.
wait_banner() {
  local host=$1 port=$2 regex=$3 limit=${4:-30} i line
  for ((i = 0; i < limit * 4; i++)); do
    line=$(read_banner "$host" "$port" 2) && [[ $line =~ $regex ]] && { printf '%s\n' "$line"; return 0; }
    sleep 0.25
  done
  return 1
}

# pid_alive PID: the process exists and is not a zombie. (A daemon whose parent exited stays
# <defunct> until PID 1 reaps it; kill -0 still succeeds on it, which fools pid-file checks.)
pid_alive() {
  local state
  state=$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null) || return 1
  [ -n "$state" ] && [ "$state" != Z ] && [ "$state" != X ]
}

# wait_pid_gone PID [SECONDS]: waits until the process no longer exists at all (reaped).
wait_pid_gone() {
  local pid=$1 limit=${2:-10} i
  for ((i = 0; i < limit * 10; i++)); do [ -e "/proc/$pid" ] || return 0; sleep 0.1; done
  return 1
}

# stop_pid PID [PORT] [SECONDS]: SIGTERM, then wait for the port to close (a killed daemon can
# linger <defunct> until PID 1 reaps it, so kill -0 is not a reliable test), SIGKILL at the end.
stop_pid() {
  local pid=$1 port=${2:-} limit=${3:-10} i
  [ -n "$pid" ] || return 0
  kill "$pid" 2>/dev/null || return 0
  for ((i = 0; i < limit * 10; i++)); do
    if [ -n "$port" ]; then port_in_use "$port" || return 0
    else pid_alive "$pid" || return 0; fi
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
}

# apt_install PKG...: installs missing Debian packages; runs apt-get update only when a
# package has no install candidate yet.
apt_install() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  export DEBIAN_FRONTEND=noninteractive
  for p in "${missing[@]}"; do
    # grep without -q: with pipefail, grep -q quitting early can kill apt-cache with SIGPIPE.
    if ! apt-cache policy "$p" 2>/dev/null | grep 'Candidate: [0-9]' >/dev/null; then
      log "apt-get update (no candidate for $p)"
      apt-get -o DPkg::Lock::Timeout=600 update -qq >&2 || return 1
      break
    fi
  done
  log "installing ${missing[*]}"
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# ensure_tls_cert: a self-signed certificate for localhost, 127.0.0.1 and ::1 in
# $INET_TEST_TLS_DIR/{cert.pem,key.pem}; made again when missing or expiring within a day.
# Clients trust cert.pem as their CA (INET_TEST_CA_FILE).
ensure_tls_cert() {
  local dir=$INET_TEST_TLS_DIR
  mkdir -p "$dir"
  if [ -s "$dir/cert.pem" ] && [ -s "$dir/key.pem" ] \
     && openssl x509 -in "$dir/cert.pem" -noout -checkend 86400 >/dev/null 2>&1; then
    return 0
  fi
  log "generating a self-signed TLS certificate in $dir"
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj /CN=localhost \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1" \
    -keyout "$dir/key.pem.tmp" -out "$dir/cert.pem.tmp" >/dev/null 2>&1 || return 1
  chmod 600 "$dir/key.pem.tmp"; chmod 644 "$dir/cert.pem.tmp"
  mv "$dir/key.pem.tmp" "$dir/key.pem"; mv "$dir/cert.pem.tmp" "$dir/cert.pem"
}

# tls_cert_digest: a checksum of the test certificate and key. Server scripts write it into their
# configuration so that a new certificate counts as a changed configuration (and restarts them).
tls_cert_digest() { cat "$INET_TEST_TLS_DIR/cert.pem" "$INET_TEST_TLS_DIR/key.pem" 2>/dev/null | sha256sum | cut -d' ' -f1; }

# read_tls_banner HOST PORT [SECONDS] [BYE]: like read_banner, for a port that speaks TLS at once
# (implicit TLS). The certificate must verify against $INET_TEST_TLS_DIR/cert.pem for HOST.
# Sends BYE (default QUIT; IMAP needs "a LOGOUT") after the welcome so that the server closes the
# connection and s_client ends (it exits 1 then when the server sends no close_notify, as vsftpd
# does, so its status is ignored). A server that does not close makes this wait SECONDS.
read_tls_banner() {
  local host=$1 port=$2 limit=${3:-5} bye=${4:-QUIT} target=$1 check=(-verify_hostname "$1") line
  [[ $host == *:* ]] && target="[$host]"
  [[ $host =~ ^[0-9.]+$ || $host == *:* ]] && check=(-verify_ip "$host")
  line=$( { printf '%s\r\n' "$bye" | timeout "$limit" openssl s_client -connect "$target:$port" -quiet -verify_return_error \
    -CAfile "$INET_TEST_TLS_DIR/cert.pem" "${check[@]}" 2>/dev/null || true; } | awk 'NR == 1 { sub(/\r$/, ""); print }')
  [ -n "$line" ] && printf '%s\n' "$line"
}

# wait_tls_banner HOST PORT REGEX [SECONDS] [BYE]: wait_banner for an implicit-TLS port.
wait_tls_banner() {
  local host=$1 port=$2 regex=$3 limit=${4:-30} bye=${5:-QUIT} i line
  for ((i = 0; i < limit * 4; i++)); do
    line=$(read_tls_banner "$host" "$port" 3 "$bye") && [[ $line =~ $regex ]] && { printf '%s\n' "$line"; return 0; }
    sleep 0.25
  done
  return 1
}

# ensure_local_user NAME PASSWORD: a local account with a bash shell (pam_shells wants a shell
# listed in /etc/shells), a home folder, and this password (set every time: cheap, and a password
# changed by hand would fail every test).
ensure_local_user() {
  local name=$1 pass=$2 home
  grep -qx /bin/bash /etc/shells || echo /bin/bash >> /etc/shells
  if ! id "$name" >/dev/null 2>&1; then
    log "creating user $name"
    useradd -m -s /bin/bash "$name"
  fi
  echo "$name:$pass" | chpasswd
  home=$(user_home "$name")
  [ -d "$home" ] || install -d -o "$name" -g "$(id -gn "$name")" -m 755 "$home"
}

# user_home NAME: the account's home folder.
user_home() { getent passwd "$1" | cut -d: -f6; }

# write_env NAME VAR=VALUE...: writes $INET_TEST_ENV_DIR/NAME.env with export lines.
write_env() {
  local name=$1 kv; shift
  mkdir -p "$INET_TEST_ENV_DIR"
  : > "$INET_TEST_ENV_DIR/$name.env.tmp"
  for kv in "$@"; do printf 'export %s=%q\n' "${kv%%=*}" "${kv#*=}" >> "$INET_TEST_ENV_DIR/$name.env.tmp"; done
  mv "$INET_TEST_ENV_DIR/$name.env.tmp" "$INET_TEST_ENV_DIR/$name.env"
}

remove_env() { rm -f "$INET_TEST_ENV_DIR/$1.env"; }

# first_free_port PORT...: prints the first port nothing listens on.
first_free_port() {
  local p
  for p in "$@"; do port_in_use "$p" || { echo "$p"; return 0; }; done
  return 1
}
