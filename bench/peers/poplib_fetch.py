#!/usr/bin/env python3
"""poplib_fetch.py HOST PORT USER PASSWORD MAILDIR

The mail fetch benchmark's poplib peer (bench/mail-fetch-compare.sh): a plain poplib download into a fresh
Maildir. One connection, USER/PASS, STAT, then RETR 1..N one after the other; each message (poplib's lines,
dot-unstuffed, joined with CRLF as the server sent them) is written to tmp/ and renamed into new/.
Prints one summary line; exit 0 when every message was written.
"""
import os
import poplib
import socket
import sys
import time


def main():
    host, port, user, password, maildir = sys.argv[1:6]
    for sub in ("tmp", "new", "cur"):
        os.makedirs(os.path.join(maildir, sub), exist_ok=True)
    tmp, new = os.path.join(maildir, "tmp"), os.path.join(maildir, "new")
    stem = f"{int(time.time())}.P{os.getpid()}Q"
    tail = "." + socket.gethostname()
    start = time.perf_counter()
    pop = poplib.POP3(host, int(port))
    pop.user(user)
    pop.pass_(password)
    count, _ = pop.stat()
    written = size = 0
    for i in range(1, count + 1):
        _, lines, _ = pop.retr(i)
        data = b"\r\n".join(lines) + b"\r\n"
        name = f"{stem}{written}{tail}"
        path = os.path.join(tmp, name)
        with open(path, "xb") as f:
            f.write(data)
        os.rename(path, os.path.join(new, name))
        written += 1
        size += len(data)
    pop.quit()
    elapsed = time.perf_counter() - start
    print(f"{written} of {count} messages ({size} bytes) into {maildir} in {elapsed:.2f} s: {written / elapsed:.0f} msg/s")
    return 0 if written == count else 1


if __name__ == "__main__":
    sys.exit(main())
