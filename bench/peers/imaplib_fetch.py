#!/usr/bin/env python3
"""imaplib_fetch.py HOST PORT USER PASSWORD MAILDIR [BATCH]

The mail fetch benchmark's imaplib peer (bench/mail-fetch-compare.sh): a fair, plain imaplib download of INBOX
into a fresh Maildir. One connection, LOGIN (plain, loopback), EXAMINE INBOX, UID SEARCH ALL, then
UID FETCH <batch> (BODY.PEEK[]) for batches of BATCH (default 100) UIDs; each message is written to tmp/ and
renamed into new/. Prints one summary line; exit 0 when every message was written.
"""
import imaplib
import os
import socket
import sys
import time


def main():
    host, port, user, password, maildir = sys.argv[1:6]
    batch = int(sys.argv[6]) if len(sys.argv) > 6 else 100
    for sub in ("tmp", "new", "cur"):
        os.makedirs(os.path.join(maildir, sub), exist_ok=True)
    tmp, new = os.path.join(maildir, "tmp"), os.path.join(maildir, "new")
    stem = f"{int(time.time())}.P{os.getpid()}Q"
    tail = "." + socket.gethostname()
    start = time.perf_counter()
    imap = imaplib.IMAP4(host, int(port))
    imap.login(user, password)
    typ, _ = imap.select("INBOX", readonly=True)  # EXAMINE
    if typ != "OK":
        raise SystemExit("EXAMINE INBOX failed")
    typ, data = imap.uid("SEARCH", None, "ALL")
    uids = data[0].split()
    written = size = 0
    for at in range(0, len(uids), batch):
        typ, data = imap.uid("FETCH", b",".join(uids[at:at + batch]).decode(), "(BODY.PEEK[])")
        if typ != "OK":
            raise SystemExit(f"UID FETCH failed: {data!r}")
        for item in data:
            if not isinstance(item, tuple):
                continue  # the ")" closing each FETCH response
            name = f"{stem}{written}{tail}"
            path = os.path.join(tmp, name)
            with open(path, "xb") as f:
                f.write(item[1])
            os.rename(path, os.path.join(new, name))
            written += 1
            size += len(item[1])
    imap.logout()
    elapsed = time.perf_counter() - start
    print(f"{written} of {len(uids)} messages ({size} bytes) into {maildir} in {elapsed:.2f} s: {written / elapsed:.0f} msg/s")
    return 0 if written == len(uids) else 1


if __name__ == "__main__":
    sys.exit(main())
