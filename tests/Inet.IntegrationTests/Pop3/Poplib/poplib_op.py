"""One Python poplib call against a real server, its result printed as JSON (for PoplibParityTests).

usage: poplib_op.py HOST PORT USER PASSWORD CA_FILE MODE OP [ARGS...]
MODE: plain (no TLS), stls (STLS before login), ssl (POP3_SSL). Login is USER/PASS unless OP says
otherwise. Messages are picked by UIDL id ("-uid" ops), so the session's numbering does not matter.
Bytes go out as hex. A poplib error is printed as {"error": class name, "text": message}.
"""
import json
import poplib
import ssl
import sys


def text(value):
    return value.decode("utf-8", "surrogateescape") if isinstance(value, bytes) else str(value)


def number_of(p, uid):
    for line in p.uidl()[1]:
        n, u = line.split(b" ", 1)
        if text(u) == uid:
            return int(n)
    raise poplib.error_proto("no message with uid " + uid)


def body(resp, lines, octets):
    return {"resp": text(resp), "hex": (b"\r\n".join(lines) + b"\r\n").hex() if lines else "", "octets": octets}


def run(p, op, args, user, password):
    if op == "welcome":
        return text(p.getwelcome())
    if op == "capa-before":
        return p.capa()
    if op == "apop":
        return text(p.apop(user, password))
    if op == "login":
        return [text(p.user(user)), text(p.pass_(password))]
    p.user(user)
    p.pass_(password)
    if op == "capa":
        return p.capa()
    if op == "stat":
        return list(p.stat())
    if op == "list":
        return [text(line) for line in p.list()[1]]
    if op == "uidl":
        return [text(line) for line in p.uidl()[1]]
    if op == "uidl1-uid":
        return text(p.uidl(number_of(p, args[0])))
    if op == "list1-uid":
        return text(p.list(number_of(p, args[0])))
    if op == "retr-uid":
        return body(*p.retr(number_of(p, args[0])))
    if op == "top-uid":
        return body(*p.top(number_of(p, args[0]), int(args[1])))
    if op == "dele-uid":
        return text(p.dele(number_of(p, args[0])))
    if op == "noop":
        return text(p.noop())
    if op == "rset":
        return text(p.rset())
    if op == "quit":
        return text(p.quit())
    raise SystemExit("unknown op " + op)


def main():
    host, port, user, password, ca, mode, op, *args = sys.argv[1:]
    context = ssl.create_default_context(cafile=ca)
    if mode == "ssl":
        p = poplib.POP3_SSL(host, int(port), timeout=20, context=context)
    else:
        p = poplib.POP3(host, int(port), timeout=20)
        if mode == "stls" and op != "stls":
            p.stls(context)
    try:
        out = run(p, op, args, user, password) if op != "stls" else {"resp": text(p.stls(context)), "capa": p.capa()}
    except poplib.error_proto as e:
        out = {"error": type(e).__name__, "text": text(e.args[0]) if e.args else ""}
    if op != "quit":
        try:
            p.quit()
        except (poplib.error_proto, OSError):
            p.close()
    print(json.dumps(out))


main()
