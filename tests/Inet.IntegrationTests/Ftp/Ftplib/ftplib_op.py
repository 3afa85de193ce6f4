"""One Python ftplib call against a real server, its result printed as JSON (for FtplibParityTests).

usage: ftplib_op.py HOST PORT USER PASSWORD CA_FILE|- FOLDER OP [ARGS...]
CA_FILE other than "-" means FTP_TLS with prot_p(). FOLDER is changed into after login ("-" for none).
Bytes go in and out as hex. An ftplib error is printed as {"error": class name, "text": message}.
"""
import ftplib
import io
import json
import ssl
import sys


def main():
    host, port, user, password, ca, folder, op, *args = sys.argv[1:]
    if ca != "-":
        f = ftplib.FTP_TLS(context=ssl.create_default_context(cafile=ca))
    else:
        f = ftplib.FTP()
    f.connect(host, int(port), timeout=20)
    f.login(user, password)
    if ca != "-":
        f.prot_p()
    if folder != "-":
        f.cwd(folder)
    try:
        out = run(f, op, args)
    except ftplib.all_errors as e:
        out = {"error": type(e).__name__, "text": str(e)}
    f.quit()
    print(json.dumps(out))


def run(f, op, args):
    if op == "welcome":
        return f.getwelcome()
    if op == "pwd":
        return f.pwd()
    if op == "cwd":
        f.cwd(args[0])
        return f.pwd()
    if op == "dir":
        lines = []
        f.dir(args[0], lines.append)
        return lines
    if op == "nlst":
        return sorted(f.nlst(*args))
    if op == "mlsd":
        return sorted([name, facts.get("type"), facts.get("size")] for name, facts in f.mlsd(args[0], ["type", "size"]))
    if op == "retrlines":
        lines = []
        f.retrlines("RETR " + args[0], lines.append)
        return lines
    if op == "retrbinary":
        blocks = []
        f.retrbinary("RETR " + args[0], blocks.append, blocksize=int(args[1]), rest=int(args[2]) or None)
        return {"hex": b"".join(blocks).hex(), "largest": max(map(len, blocks), default=0)}
    if op == "storlines":
        f.storlines("STOR " + args[0], io.BytesIO(bytes.fromhex(args[1])))
        return None
    if op == "storbinary":
        f.storbinary("STOR " + args[0], io.BytesIO(bytes.fromhex(args[1])), blocksize=int(args[2]), rest=int(args[3]) or None)
        return None
    if op == "size":
        return f.size(args[0])
    if op == "sendcmd":
        return f.sendcmd(args[0])
    if op == "voidcmd":
        return f.voidcmd(args[0])
    if op == "mkd":
        return f.mkd(args[0])
    if op == "rmd":
        return f.rmd(args[0])
    if op == "rename":
        return f.rename(args[0], args[1])
    if op == "delete":
        return f.delete(args[0])
    raise SystemExit("unknown op " + op)


main()
