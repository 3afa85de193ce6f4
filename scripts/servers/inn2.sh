#!/usr/bin/env bash
# INN 2 (Debian package inn2) as the NNTP server for the integration tests.
#   inn2.sh start   install if needed, configure, start (or keep running), write the env file
#   inn2.sh stop    stop innd and the implicit-TLS nnrpd
#   inn2.sh status  exit 0 when innd answers with a welcome line
# Needs root. See docs/testing.md for what is configured and why.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LOG_TAG=inn2
# shellcheck source=common.sh
. "$HERE/common.sh"

NEWSBIN=/usr/lib/news/bin
ETC=/etc/news
INN_CONF=$ETC/inn.conf
OUR_ETC=$ETC/inet-test            # our cert/key copies and password file, readable by news
STATE=$INET_TEST_STATE/inn2
HOST=127.0.0.1
USER_NAME=testuser
USER_PASS=testpass
# name:flag (y = posting allowed). inet.test.empty must stay empty: tests never post there.
GROUPS_WANTED=(inet.test:y inet.test.binaries:y inet.test.empty:y inet.test.restricted:y)

as_news() { su news -s /bin/sh -c "$1"; }

innd_pid() {
  local pid
  pid=$(cat /run/news/innd.pid 2>/dev/null) || return 1
  [ -n "$pid" ] && pid_alive "$pid" && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = innd ] && echo "$pid"
}

# set_conf KEY VALUE: exactly one "KEY: VALUE" line in inn.conf, at the first place KEY was set.
set_conf() {
  local key=$1 value=$2 tmp
  tmp=$(mktemp "$INN_CONF.XXXXXX")
  awk -v k="$key" -v v="$value" '
    $0 ~ "^" k ":" { if (!done) { printf "%s: %s\n", k, v; done = 1 }; next }
    { print }
    END { if (!done) printf "%s: %s\n", k, v }' "$INN_CONF" > "$tmp"
  if cmp -s "$tmp" "$INN_CONF"; then rm -f "$tmp"; return 0; fi
  chmod 644 "$tmp"; mv "$tmp" "$INN_CONF"
}

get_conf() { awk -v k="$1" '$0 ~ "^" k ":" { sub("^" k ":[ \t]*", ""); print; exit }' "$INN_CONF" 2>/dev/null; }

install_inn() {
  if dpkg-query -W -f='${Status}' inn2 2>/dev/null | grep -q '^install ok installed$'; then
    return 0
  fi
  # The postinst fails until inn.conf has domain: and pathhost:, so a first install
  # "fails"; we fix the file and finish with dpkg --configure -a (retried: see inn2.md).
  apt_install inn2 || log "inn2 postinst failed as expected on a first install; configuring"
  if [ ! -f "$INN_CONF" ]; then
    # inn.conf belongs to inn2-inews; dpkg does not bring back a conffile deleted by hand.
    log "$INN_CONF is missing; reinstalling inn2-inews to restore it"
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --reinstall \
      -o Dpkg::Options::=--force-confmiss inn2-inews >&2 || true
  fi
  [ -f "$INN_CONF" ] || die "inn2 did not unpack $INN_CONF"
  base_conf
  local i
  for i in 1 2 3 4 5; do
    if DEBIAN_FRONTEND=noninteractive dpkg --configure -a >&2 \
       && dpkg-query -W -f='${Status}' inn2 | grep -q '^install ok installed$'; then
      return 0
    fi
    log "dpkg --configure -a failed (attempt $i); retrying"
    sleep 3
  done
  die "could not configure inn2"
}

# The settings the postinst needs plus the loopback-only ones.
base_conf() {
  set_conf domain example.test
  set_conf pathhost news.example.test
  set_conf bindaddress "$HOST"
  if ip -6 addr show lo 2>/dev/null | grep -q 'inet6 ::1/'; then set_conf bindaddress6 '"::1"'
  else set_conf bindaddress6 none; fi
  set_conf doinnwatch false
  # nnrpd refuses readers with "400 load at N" above nnrpdloadlimit (default 16); a busy build box gets there.
  set_conf nnrpdloadlimit 0
}

choose_port() {
  local current owner
  current=$(get_conf port)
  if [ -n "$current" ] && innd_pid >/dev/null && [ "$(port_owner "$current")" = innd ]; then
    echo "$current"; return 0
  fi
  owner=$(port_owner 119)
  if [ -z "$owner" ] && ! port_in_use 119; then echo 119; return 0; fi
  [ "$owner" = innd ] && { echo 119; return 0; }
  log "port 119 is taken by '${owner:-something else}'; using another port"
  first_free_port 1119 11119 21119
}

choose_tls_port() {
  local pidfile
  for p in 563 1563 10563; do
    pidfile=/run/news/nnrpd-$p.pid
    if ! port_in_use "$p"; then echo "$p"; return 0; fi
    [ -f "$pidfile" ] && [ "$(port_owner "$p")" = nnrpd ] && { echo "$p"; return 0; }
  done
  return 1
}

write_readers_conf() {
  local tmp
  tmp=$(mktemp "$ETC/readers.conf.XXXXXX")
  cat > "$tmp" <<CONF
# Written by Inet's scripts/servers/inn2.sh for the integration tests (loopback only).
# Anonymous readers may read and post everywhere except inet.test.restricted;
# after AUTHINFO USER $USER_NAME (password file below) everything is allowed.
# Plaintext AUTHINFO is accepted on loopback so both plain and TLS paths can be tested.
auth "inet-test" {
    hosts: "localhost, 127.0.0.1, ::1, stdin"
    auth: "ckpasswd -f $OUR_ETC/passwd"
    default: "<anonymous>"
}

access "anonymous" {
    newsgroups: "*,!inet.test.restricted"
    access: RPNA
}

access "authenticated" {
    users: "$USER_NAME"
    newsgroups: "*"
    access: RPNA
}
CONF
  chmod 644 "$tmp"
  [ -f "$ETC/readers.conf.inet-orig" ] || cp -p "$ETC/readers.conf" "$ETC/readers.conf.inet-orig"
  if cmp -s "$tmp" "$ETC/readers.conf"; then rm -f "$tmp"; else mv "$tmp" "$ETC/readers.conf"; fi
}

write_secrets() {
  install -d -o root -g news -m 750 "$OUR_ETC"
  ensure_tls_cert
  install -o news -g news -m 644 "$INET_TEST_TLS_DIR/cert.pem" "$OUR_ETC/cert.pem"
  install -o news -g news -m 600 "$INET_TEST_TLS_DIR/key.pem" "$OUR_ETC/key.pem"
  # ckpasswd -f reads user:crypt(3) lines; keep the hash when the password still matches.
  local hash
  hash=$(sed -n "s/^$USER_NAME://p" "$OUR_ETC/passwd" 2>/dev/null || true)
  if [ -z "$hash" ] || [ "$(openssl passwd -6 -salt "$(cut -d'$' -f3 <<<"$hash")" "$USER_PASS")" != "$hash" ]; then
    printf '%s:%s\n' "$USER_NAME" "$(openssl passwd -6 "$USER_PASS")" > "$OUR_ETC/passwd.tmp"
    chown root:news "$OUR_ETC/passwd.tmp"; chmod 640 "$OUR_ETC/passwd.tmp"
    mv "$OUR_ETC/passwd.tmp" "$OUR_ETC/passwd"
  fi
}

configure() {
  local port=$1
  base_conf
  set_conf port "$port"
  set_conf tlscertfile "$OUR_ETC/cert.pem"
  set_conf tlskeyfile "$OUR_ETC/key.pem"
  write_secrets
  write_readers_conf
  # incoming.conf keeps Debian's "peer ME": a client on loopback meets innd in transit mode
  # and must send MODE READER, which is a path the client has to get right.
}

conf_digest() { { cat "$INN_CONF" "$ETC/incoming.conf" "$OUR_ETC/cert.pem" "$OUR_ETC/key.pem" 2>/dev/null || true; } | md5sum | cut -d' ' -f1; }

# rc.news refuses to start while the pid in innd.pid answers kill -0, which a dead innd
# does until it is reaped: wait for that, then drop the stale file.
clear_stale_pidfile() {
  local pid
  pid=$(cat /run/news/innd.pid 2>/dev/null) || return 0
  if [ -n "$pid" ] && ! innd_pid >/dev/null; then
    wait_pid_gone "$pid" 10 || true
    rm -f /run/news/innd.pid
  fi
}

start_innd() {
  local port=$1
  install -d -o news -g news -m 775 /run/news
  clear_stale_pidfile
  mkdir -p "$STATE"
  log "starting innd on $HOST:$port"
  setsid su news -s /bin/sh -c "$NEWSBIN/rc.news" > "$STATE/rc.news.log" 2>&1 < /dev/null &
  local banner
  banner=$(wait_banner "$HOST" "$port" '^20[01] ' 60) || {
    sed 's/^/  rc.news: /' "$STATE/rc.news.log" >&2 || true
    die "innd did not send a welcome on $HOST:$port"
  }
  log "innd is up (pid $(innd_pid || echo '?')): $banner"
}

stop_innd() {
  local pid port
  pid=$(innd_pid) || return 0
  port=$(get_conf port); port=${port:-119}
  log "stopping innd (pid $pid)"
  as_news "$NEWSBIN/ctlinnd -t 20 shutdown inet-test" >/dev/null 2>&1 || true
  wait_port_closed "$port" 20 || stop_pid "$pid" "$port" 10
  local i
  for ((i = 0; i < 200; i++)); do pid_alive "$pid" || break; sleep 0.1; done
  pid_alive "$pid" && { kill -9 "$pid" 2>/dev/null || true; }
  clear_stale_pidfile
  # rc.news's helper processes (innwatch is off; controlchan, etc.) exit with innd.
}

start_tls_daemon() {
  local port=$1
  local pidfile=/run/news/nnrpd-$port.pid
  if [ -f "$pidfile" ] && [ "$(port_owner "$port")" = nnrpd ]; then return 0; fi
  log "starting nnrpd -S (implicit TLS) on $HOST:$port"
  # Started as root so it can bind a port below 1024; nnrpd then runs as news.
  "$NEWSBIN/nnrpd" -D -S -4 "$HOST" -p "$port" -s "                                " \
    > "$STATE/nnrpd-tls.log" 2>&1 < /dev/null || true
  wait_port "$port" 10 || { log "nnrpd -S did not start (see $STATE/nnrpd-tls.log)"; return 1; }
}

stop_tls_daemon() {
  local f pid port
  for f in /run/news/nnrpd-*.pid; do
    [ -f "$f" ] || continue
    pid=$(cat "$f"); port=${f##*/nnrpd-}; port=${port%.pid}
    log "stopping nnrpd -S (pid $pid, port $port)"
    stop_pid "$pid" "$port" 10
    rm -f "$f"
  done
}

ensure_groups() {
  local g name flag
  for g in "${GROUPS_WANTED[@]}"; do
    name=${g%%:*}; flag=${g##*:}
    if ! grep -q "^$name " /var/lib/news/active; then
      as_news "$NEWSBIN/ctlinnd -t 20 newgroup $name $flag inet-test" >/dev/null
      log "created group $name ($flag)"
    elif ! grep -q "^$name [0-9]* [0-9]* $flag\$" /var/lib/news/active; then
      as_news "$NEWSBIN/ctlinnd -t 20 changegroup $name $flag" >/dev/null
    fi
  done
}

cmd_start() {
  is_root || die "must run as root"
  local before after port tls_port
  install_inn
  port=$(choose_port) || die "no free port for innd"
  before=$(conf_digest)
  configure "$port"
  after=$(conf_digest)
  if innd_pid >/dev/null; then
    if [ "$before" != "$after" ]; then
      log "configuration changed; restarting innd"
      stop_tls_daemon; stop_innd; start_innd "$port"
    elif ! read_banner "$HOST" "$port" 5 | grep -q '^20[01] '; then
      log "innd runs but does not answer; restarting"
      stop_tls_daemon; stop_innd; start_innd "$port"
    else
      log "innd already running on $HOST:$port"
    fi
  else
    start_innd "$port"
  fi
  ensure_groups
  tls_port=
  if tls_port=$(choose_tls_port) && start_tls_daemon "$tls_port"; then :; else tls_port=; fi
  write_env inn2 \
    "INET_TEST_NNTP_HOST=$HOST" \
    "INET_TEST_NNTP_PORT=$port" \
    "INET_TEST_NNTP_TLS_PORT=$tls_port" \
    "INET_TEST_NNTP_USER=$USER_NAME" \
    "INET_TEST_NNTP_PASS=$USER_PASS" \
    "INET_TEST_CA_FILE=$INET_TEST_TLS_DIR/cert.pem"
  cat "$INET_TEST_ENV_DIR/inn2.env"
}

cmd_stop() {
  is_root || die "must run as root"
  stop_tls_daemon
  stop_innd
  remove_env inn2
}

cmd_status() {
  local port
  innd_pid >/dev/null || return 1
  port=$(get_conf port)
  read_banner "$HOST" "${port:-119}" 5 | grep '^20[01] '
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
