#!/usr/bin/env python3
"""Peer for the overview comparison: times nntplib's own OVER parsing on a data file.

Usage: nntplib_overview.py DATA_FILE [REPEATS]

The file holds OVER lines ending in CRLF. Lines are split and decoded the way nntplib does it
(CRLF stripped, UTF-8 with surrogateescape), outside the timed region; then
nntplib._parse_overview is timed, best of REPEATS. Prints one JSON object.
"""
import gc
import json
import sys
import time
import warnings

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    import nntplib

FORMAT_LINES = ["Subject:", "From:", "Date:", "Message-ID:", "References:", ":bytes", ":lines", "Xref:full"]


def main():
    path = sys.argv[1]
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    with open(path, "rb") as f:
        raw = f.read().split(b"\r\n")
    if raw and raw[-1] == b"":
        raw.pop()
    fmt = nntplib._parse_overview_fmt(FORMAT_LINES)

    decode_best = parse_best = float("inf")
    result = None
    for _ in range(repeats):
        result = None
        gc.collect()
        t0 = time.perf_counter()
        lines = [line.decode("utf-8", "surrogateescape") for line in raw]
        t1 = time.perf_counter()
        result = nntplib._parse_overview(lines, fmt)
        t2 = time.perf_counter()
        decode_best = min(decode_best, t1 - t0)
        parse_best = min(parse_best, t2 - t1)
        del lines

    # A checksum outside the timed region, compared with the C# side.
    number_sum = sum(number for number, _ in result)
    bytes_sum = sum(int(fields[":bytes"]) for _, fields in result)
    message_id_chars = sum(len(fields["message-id"]) for _, fields in result)
    print(json.dumps({
        "python": sys.version.split()[0],
        "lines": len(result),
        "repeats": repeats,
        "decode_best_s": decode_best,
        "parse_best_s": parse_best,
        "number_sum": number_sum,
        "bytes_sum": bytes_sum,
        "message_id_chars": message_id_chars,
    }))


if __name__ == "__main__":
    main()
