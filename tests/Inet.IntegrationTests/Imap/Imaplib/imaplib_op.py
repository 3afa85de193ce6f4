"""One Python imaplib call against Dovecot, its result printed as JSON (for ImaplibParityTests).

usage: imaplib_op.py OP [ARGS...]
The server comes from INET_TEST_DOVECOT_HOST, _IMAP_PORT, _USER, _PASS and _CA: imaplib.IMAP4 with
starttls() against the CA file, then login(). Mailbox names are passed as they go on the wire
(modified UTF-7): imaplib does not encode them. Bytes come back as hex. An imaplib error is printed
as {"error": class name, "text": message}.
"""
import datetime
import imaplib
import json
import os
import re
import ssl
import sys

LIST_RE = re.compile(rb'\((?P<flags>[^)]*)\) (?P<delim>"(?:[^"\\]|\\.)*"|NIL) (?P<name>.+)')


def env(name):
    return os.environ["INET_TEST_DOVECOT_" + name]


def connect():
    m = imaplib.IMAP4(env("HOST"), int(env("IMAP_PORT")), timeout=20)
    m.starttls(ssl.create_default_context(cafile=env("CA")))
    return m


def check(result):
    typ, data = result
    if typ != "OK":
        raise imaplib.IMAP4.error(f"{typ} {data!r}")
    return data


def unquote(b):
    s = b.decode("utf-8")
    if s.startswith('"') and s.endswith('"'):
        s = re.sub(r'\\(.)', r'\1', s[1:-1])
    return s


def fetch_items(data):
    """imaplib FETCH data -> [{"uid":..., "flags":[...], "<item>": hex}, ...]."""
    out = []
    for part in data:
        if part is None or part == b")":
            continue
        if isinstance(part, tuple):
            head, literal = part
            item = {"head": head.decode("utf-8", "replace")}
            name = re.search(rb"(RFC822|BODY\[[^\]]*\]) \{\d+\}$", head)
            item[name.group(1).decode() if name else "literal"] = literal.hex()
        else:
            head = part
            item = {"head": head.decode("utf-8", "replace")}
        uid = re.search(rb"UID (\d+)", head)
        if uid:
            item["uid"] = int(uid.group(1))
        flags = re.search(rb"FLAGS \(([^)]*)\)", head)
        if flags:
            item["flags"] = sorted(flags.group(1).decode().split())
        date = re.search(rb'INTERNALDATE "([^"]+)"', head)
        if date:
            item["internaldate"] = date.group(1).decode()
        out.append(item)
    return out


def run(m, op, args):
    if op == "login":
        return {"state": m.state, "capabilities": sorted(c.upper() for c in m.capabilities)}
    if op == "capability":
        return sorted(check(m.capability())[0].decode().upper().split())
    if op == "list":
        rows = []
        for line in check(m.list('""', args[0])):
            if line is None:
                continue
            if isinstance(line, tuple):  # name sent as a literal
                head, literal = line
                mo = LIST_RE.match(head + b"x")
                name = literal.decode("utf-8")
            else:
                mo = LIST_RE.match(line)
                name = unquote(mo.group("name"))
            delim = mo.group("delim")
            rows.append({"name": name, "delimiter": None if delim == b"NIL" else unquote(delim),
                         "flags": sorted(mo.group("flags").decode().split())})
        return sorted(rows, key=lambda r: r["name"])
    if op in ("select", "examine"):
        count = check(m.select(args[0], readonly=(op == "examine")))
        u = m.untagged_responses
        return {"exists": int(count[0]),
                "uidvalidity": int(u["UIDVALIDITY"][0]),
                "uidnext": int(u["UIDNEXT"][0]),
                "flags": sorted(u["FLAGS"][0].decode().strip("()").split()),
                "permanentflags": sorted(u["PERMANENTFLAGS"][0].decode().strip("()").split()),
                "readonly": "READ-ONLY" in u}
    if op == "search":  # folder, criteria...
        check(m.select(args[0], readonly=True))
        criteria = args[1:]
        if criteria and criteria[0] == "CHARSET":  # the last argument goes as a literal (imaplib's m.literal)
            m.literal = criteria[-1].encode("utf-8")
            criteria = criteria[:-1]
        data = check(m.uid("SEARCH", *criteria))
        return [int(x) for x in b" ".join(data).split()]
    if op == "fetch":  # folder, uid set, items
        check(m.select(args[0], readonly=True))
        return fetch_items(check(m.uid("FETCH", args[1], args[2])))
    if op == "store":  # folder, uid set, command, flags -> the FETCH answers, then FLAGS fetched
        check(m.select(args[0]))
        answered = fetch_items(check(m.uid("STORE", args[1], args[2], args[3])))
        return {"answered": answered, "after": fetch_items(check(m.uid("FETCH", args[1], "(UID FLAGS)")))}
    if op == "copy":  # folder, uid set, target
        check(m.select(args[0]))
        check(m.uid("COPY", args[1], args[2]))
        code = m.response("COPYUID")[1][0]
        validity, source, target = code.decode().split()
        return {"uidvalidity": int(validity), "source": source, "target": target}
    if op == "expunge":  # folder
        check(m.select(args[0]))
        return [int(x) for x in check(m.expunge()) if x is not None]
    if op == "append":  # folder, flags, internal date (ISO 8601 with offset), message hex
        date = imaplib.Time2Internaldate(datetime.datetime.fromisoformat(args[2]))
        check(m.append(args[0], args[1], date, bytes.fromhex(args[3])))
        code = m.response("APPENDUID")[1][0]
        validity, uid = code.decode().split()
        return {"uidvalidity": int(validity), "uid": int(uid)}
    if op == "status":  # folder
        data = check(m.status(args[0], "(MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN)"))[0].decode()
        items = data[data.rindex("(") + 1:data.rindex(")")].split()
        return {items[i].upper(): int(items[i + 1]) for i in range(0, len(items), 2)}
    if op == "create":
        return check(m.create(args[0]))[0].decode()
    if op == "delete":
        return check(m.delete(args[0]))[0].decode()
    if op == "rename":
        return check(m.rename(args[0], args[1]))[0].decode()
    if op == "logout":
        typ, data = m.logout()
        return {"type": typ, "state": m.state}
    raise SystemExit("unknown op " + op)


def main():
    op, *args = sys.argv[1:]
    m = connect()
    check(m.login(env("USER"), env("PASS")))
    try:
        out = run(m, op, args)
    except imaplib.IMAP4.error as e:
        out = {"error": type(e).__name__, "text": str(e)}
    if m.state != "LOGOUT":
        m.logout()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
