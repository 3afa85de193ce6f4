#!/usr/bin/env bash
# Reproduces docs/ftps-session-reuse.md: starts vsftpd (require_ssl_reuse=YES) from a temporary config on
# 127.0.0.1:$PORT, runs FtpsReuseProbe once per scenario (one process each: the SslStream session cache is
# process-wide), prints what vsftpd logged for each TLS connection, and stops vsftpd by its PID.
# Needs root (it creates the local user ftpuser/ftppass, as in /work/shared/reference/servers.md section 1)
# and installs vsftpd with apt-get if it is missing. Exit code 0 when every scenario ends as expected.
set -euo pipefail
PORT=${PORT:-2131}
HERE=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d /tmp/ftps-reuse.XXXXXX)

if ! command -v /usr/sbin/vsftpd >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-cache policy vsftpd | grep -q 'Candidate: [0-9]' || apt-get update >/dev/null
  apt-get -o DPkg::Lock::Timeout=600 install -y vsftpd >/dev/null
fi
id ftpuser >/dev/null 2>&1 || useradd -m -s /bin/bash ftpuser
echo 'ftpuser:ftppass' | chpasswd
echo 'hello user' > /home/ftpuser/user.txt
mkdir -p /var/run/vsftpd/empty

openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1" \
  -keyout "$T/key.pem" -out "$T/cert.pem" 2>/dev/null
chmod 600 "$T/key.pem"
cat > "$T/vsftpd.conf" <<EOF
listen=YES
listen_address=127.0.0.1
listen_port=$PORT
background=NO
seccomp_sandbox=NO
anonymous_enable=NO
local_enable=YES
write_enable=YES
local_umask=022
pam_service_name=vsftpd
secure_chroot_dir=/var/run/vsftpd/empty
pasv_enable=YES
pasv_min_port=30400
pasv_max_port=30450
pasv_address=127.0.0.1
xferlog_enable=YES
log_ftp_protocol=YES
vsftpd_log_file=$T/vsftpd.log
ssl_enable=YES
force_local_logins_ssl=NO
force_local_data_ssl=NO
require_ssl_reuse=YES
ssl_ciphers=HIGH
debug_ssl=YES
rsa_cert_file=$T/cert.pem
rsa_private_key_file=$T/key.pem
EOF

dotnet build "$HERE/FtpsReuseProbe.csproj" -c Release -o "$T/probe" -v q -nologo >/dev/null

touch "$T/vsftpd.log"
/usr/sbin/vsftpd "$T/vsftpd.conf" > "$T/vsftpd.stderr" 2>&1 &
VSFTPD_PID=$!
stop_vsftpd() {
  kill "$VSFTPD_PID" 2>/dev/null || true
  while ss -ltnH "sport = :$PORT" | grep -q .; do sleep 0.1; done
}
trap stop_vsftpd EXIT
for _ in $(seq 100); do ss -ltnH "sport = :$PORT" | grep -q . && break; sleep 0.1; done

probe() { "$T/probe/FtpsReuseProbe" --port "$PORT" --cafile "$T/cert.pem" "$@"; }
# expected: PASS (every transfer 226), FAIL (a 522/426), or info (reported, not checked)
SCENARIOS=(
  "FAIL|--target-host 127.0.0.1"
  "FAIL|--target-host 127.0.0.1 --tls12"
  "PASS|--target-host localhost"
  "PASS|--target-host localhost --tls12"
  "PASS|--target-host localhost --options copy"
  "PASS|--target-host localhost --options copy --tls12"
  "PASS|--target-host localhost --order before150"
  "PASS|--target-host localhost --order before150 --tls12"
  "PASS|--target-host localhost --transfers 6"
  "PASS|--target-host localhost --transfers 6 --tls12"
  "FAIL|--target-host localhost --no-resume"
  "FAIL|--target-host localhost --cipher-policy"
  "FAIL|--target-host localhost --cipher-policy --tls12"
  "info|--target-host localhost --transfers 3 --no-drain"
  "info|--target-host localhost --transfers 3 --no-drain --tls12"
  "PASS|--target-host 127.0.0.1.invalid --name-check-ip 127.0.0.1 --transfers 3"
  "PASS|--target-host 127.0.0.1.invalid --name-check-ip 127.0.0.1 --transfers 3 --tls12"
  "PASS|--target-host localhost --second-control"
  "PASS|--target-host localhost --early-second"
  "PASS|--target-host localhost --early-second --tls12"
)
dotnet --list-runtimes | grep NETCore.App
dpkg-query -W -f='vsftpd ${Version}\n' vsftpd
openssl version
bad=0
for s in "${SCENARIOS[@]}"; do
  expected=${s%%|*}; args=${s#*|}
  before=$(wc -l < "$T/vsftpd.log")
  # shellcheck disable=SC2086
  out=$(probe $args || true)
  result=$(grep -o '^RESULT [A-Z]*' <<<"$out" | cut -d' ' -f2 || true)
  mark=ok
  if [ "$expected" != info ] && [ "$result" != "$expected" ]; then mark=UNEXPECTED; bad=1; fi
  # vsftpd's debug_ssl line per TLS connection, in order: control first, then data connections.
  tls=$(tail -n +$((before + 1)) "$T/vsftpd.log" | grep -o 'SSL version: [^,]*, SSL cipher: [^,]*, [a-z ]*reused' \
        | sed 's/SSL version: \([^,]*\).*, \([a-z ]*reused\)/\1 \2/' | paste -sd';' - || true)
  replies=$(grep -oE 'transfer [0-9]+ \([^)]*\): [A-Z]+ [0-9]{3}' <<<"$out" | sed 's/.*: //' | paste -sd',' - || true)
  [ -n "$result" ] || echo "$out" | tail -5
  printf '%-4s %-10s %-80s | %s | vsftpd: %s\n' "$expected" "$mark" "$args" "${replies:-none}" "$tls"
done
echo "vsftpd log and config: $T"
exit $bad
