"""The scriptable SMTP test server that scripts/servers/aiosmtpd.sh runs (python3-aiosmtpd 1.4.3).

Run it with /usr/bin/python3: the apt module is not visible to other Pythons (e.g. a pyenv one on PATH).

Two listeners on HOST, with the same users, limits and refusals:
  PORT      plain SMTP with STARTTLS; AUTH PLAIN/LOGIN offered only after STARTTLS (auth_require_tls)
  PORT + 1  implicit TLS (SMTPS) with AUTH PLAIN/LOGIN
Both offer SIZE (10 MiB), 8BITMIME and SMTPUTF8. AUTH is offered, not required.

Every accepted message is saved as its own file OUTDIR/<time>-<pid>-<n>.eml: the envelope as
X- header lines, then the message exactly as received (dot-unstuffed). The file is written
under OUTDIR/tmp and renamed, so a reader never sees half a message.

Scripted refusals, for tests of the client's error handling:
  RCPT TO local part starting with "reject"  -> 550 5.1.1 (that recipient only)
  RCPT TO local part starting with "defer"   -> 452 4.2.2 (that recipient only)
  MAIL FROM local part "bounce-data"         -> 554 5.6.0 at the end of DATA (nothing saved)
"""

import argparse
import itertools
import os
import signal
import ssl
import threading
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

SIZE_LIMIT = 10 * 1024 * 1024


def local_part(address):
    return address.rsplit("@", 1)[0].lower()


class Authenticator:
    def __init__(self, user, password):
        self.user, self.password = user.encode(), password.encode()

    def __call__(self, server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login == self.user and auth_data.password == self.password)
        # handled=False: aiosmtpd then answers a failure with 535 5.7.8. The default (True) sends
        # no reply at all, which a client sees as a hang or a closed connection.
        # auth_data is returned so that session.auth_data names the user in the saved file.
        return AuthResult(success=ok, handled=False, auth_data=auth_data)


class SaveHandler:
    counter = itertools.count(1)
    lock = threading.Lock()

    def __init__(self, outdir, implicit_tls):
        self.outdir, self.implicit_tls = outdir, implicit_tls

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if local_part(address).startswith("reject"):
            return "550 5.1.1 <%s>: recipient rejected (test refusal)" % address
        if local_part(address).startswith("defer"):
            return "452 4.2.2 <%s>: mailbox full, try later (test refusal)" % address
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        if local_part(envelope.mail_from) == "bounce-data":
            return "554 5.6.0 message refused after DATA (test refusal)"
        name = self.save(session, envelope)
        return "250 2.0.0 OK saved %s" % name

    def save(self, session, envelope):
        with self.lock:
            n = next(self.counter)
        name = "%d-%d-%06d.eml" % (time.time_ns(), os.getpid(), n)
        if self.implicit_tls:
            tls = "implicit"
        elif session.ssl is not None:
            tls = "starttls"
        else:
            tls = "none"
        auth = session.auth_data.login.decode("utf-8", "replace") if isinstance(session.auth_data, LoginPassword) else "-"
        # aiosmtpd hands MAIL parameters over upper-cased (e.g. "BODY=8BITMIME", "SIZE=123").
        lines = ["X-Mail-From: <%s>%s" % (envelope.mail_from, "".join(" " + o for o in envelope.mail_options))]
        lines += ["X-Rcpt-To: <%s>" % r for r in envelope.rcpt_tos]
        lines += ["X-Helo: %s" % session.host_name, "X-Auth: %s" % auth, "X-Tls: %s" % tls,
                  "X-Smtputf8: %s" % ("yes" if envelope.smtp_utf8 else "no")]
        head = "".join(line + "\r\n" for line in lines).encode("utf-8", "surrogateescape")
        tmp = os.path.join(self.outdir, "tmp", name)
        with open(tmp, "wb") as f:
            f.write(head)
            f.write(envelope.original_content)
        os.replace(tmp, os.path.join(self.outdir, name))
        return name


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True, help="STARTTLS port; PORT+1 is implicit TLS")
    p.add_argument("--outdir", required=True)
    p.add_argument("--cert", required=True)
    p.add_argument("--key", required=True)
    p.add_argument("--user", required=True)
    p.add_argument("--password", required=True)
    a = p.parse_args()
    os.makedirs(os.path.join(a.outdir, "tmp"), exist_ok=True)

    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(a.cert, a.key)
    common = dict(authenticator=Authenticator(a.user, a.password), enable_SMTPUTF8=True,
                  data_size_limit=SIZE_LIMIT, server_hostname="aiosmtpd.test")
    starttls = Controller(SaveHandler(a.outdir, False), hostname=a.host, port=a.port,
                          tls_context=ctx, auth_require_tls=True, **common)
    # aiosmtpd 1.4.3 does not count implicit TLS as TLS for auth_require_tls: with True, AUTH would
    # never be offered on this port.
    implicit = Controller(SaveHandler(a.outdir, True), hostname=a.host, port=a.port + 1,
                          ssl_context=ctx, auth_require_tls=False, **common)
    starttls.start()
    implicit.start()
    print("ready on %s ports %d (STARTTLS) and %d (implicit TLS)" % (a.host, a.port, a.port + 1), flush=True)

    stop = threading.Event()
    for s in (signal.SIGTERM, signal.SIGINT):
        signal.signal(s, lambda *_: stop.set())
    stop.wait()
    starttls.stop()
    implicit.stop()


if __name__ == "__main__":
    main()
