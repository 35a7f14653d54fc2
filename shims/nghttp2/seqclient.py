#!/usr/bin/env python3
"""Minimal h2c client for smoke.sh: sends requests one after another on ONE
connection (curl 7.88 cannot reuse a prior-knowledge connection, curl#10634,
and nghttp sends all requests at once), so /h2h/log can be fetched after the
body it describes. Standard library only; HPACK is encoded with literals and
only the :status of responses is decoded (from the static table).

usage: seqclient.py PORT OUTPREFIX REQUEST...
  REQUEST = PATH[|name: value]...   e.g. '/|h2h-body: 10|h2h-pad: 3'
Prints one line per request; body of request k goes to OUTPREFIX.k"""
import socket
import struct
import sys

STATUS = {0x88: "200", 0x8C: "400", 0x8D: "404"}  # HPACK static indexes


def hint(n):
    """HPACK integer with a 7-bit prefix (RFC 7541 5.1), no Huffman bit."""
    if n < 127:
        return bytes([n])
    out, n = [127], n - 127
    while n >= 128:
        out.append(n % 128 + 128)
        n //= 128
    return bytes(out + [n])


def lit(name, value):
    """Literal header field without indexing, new name."""
    n, v = name.encode(), value.encode()
    return b"\x00" + hint(len(n)) + n + hint(len(v)) + v


def frame(ftype, flags, sid, payload=b""):
    return struct.pack(">I", len(payload))[1:] + bytes([ftype, flags]) + \
        struct.pack(">I", sid) + payload


class Conn:
    def __init__(self, port):
        self.s = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.buf = b""
        self.s.sendall(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + frame(4, 0, 0))
        self.next_id = 1

    def read_frame(self):
        while True:
            if len(self.buf) >= 9:
                ln = int.from_bytes(self.buf[:3], "big")
                if len(self.buf) >= 9 + ln:
                    hd, self.buf = self.buf[:9], self.buf[9:]
                    payload, self.buf = self.buf[:ln], self.buf[ln:]
                    return hd[3], hd[4], int.from_bytes(hd[5:9], "big") & 0x7FFFFFFF, payload
            try:
                chunk = self.s.recv(65536)
            except ConnectionError:
                chunk = b""
            if not chunk:
                return None
            self.buf += chunk

    def request(self, path, headers):
        sid = self.next_id
        self.next_id += 2
        block = b"\x82\x86" + lit(":path", path) + lit(":authority", "localhost")
        for name, value in headers:
            block += lit(name, value)
        first, rest = block[:16384], block[16384:]
        out = frame(1, 0x1 | (0 if rest else 0x4), sid, first)
        while rest:
            part, rest = rest[:16384], rest[16384:]
            out += frame(9, 0 if rest else 0x4, sid, part)
        self.s.sendall(out)
        res = {"stream": sid, "status": "?", "data": b"", "frames": 0,
               "padded": 0, "padlens": set(), "rst": None, "trailers": 0,
               "end": False, "goaway": False}
        while True:
            f = self.read_frame()
            if f is None:
                res["goaway"] = True  # connection closed
                return res
            ftype, flags, fsid, p = f
            if ftype == 4 and not flags & 1:
                self.s.sendall(frame(4, 1, 0))
            elif ftype == 6 and not flags & 1:
                self.s.sendall(frame(6, 1, 0, p))
            elif ftype == 7:
                res["goaway"] = True
            if fsid != sid:
                continue
            if ftype == 1:
                if res["status"] == "?":
                    res["status"] = STATUS.get(p[0], "0x%02x" % p[0])
                else:
                    res["trailers"] += 1
            elif ftype == 0:
                res["frames"] += 1
                data = p
                if flags & 0x8:
                    padlen = p[0] + 1
                    res["padded"] += 1
                    res["padlens"].add(padlen)
                    data = p[1:len(p) - p[0]]
                    if any(p[len(p) - p[0]:]):
                        raise SystemExit("non-zero padding octets")
                res["data"] += data
                if p:  # give the window back so big bodies flow
                    inc = struct.pack(">I", len(p))
                    try:
                        self.s.sendall(frame(8, 0, 0, inc) +
                                       frame(8, 0, sid, inc))
                    except ConnectionError:
                        pass  # the shim closed; keep reading what it sent
            elif ftype == 3:
                res["rst"] = int.from_bytes(p, "big")
                return res
            if ftype in (0, 1) and flags & 1:
                res["end"] = True
                return res


def main():
    port, prefix = int(sys.argv[1]), sys.argv[2]
    c = Conn(port)
    for k, spec in enumerate(sys.argv[3:], 1):
        parts = spec.split("|")
        hdrs = [tuple(x.strip() for x in h.split(":", 1)) for h in parts[1:]]
        r = c.request(parts[0], hdrs)
        with open("%s.%d" % (prefix, k), "wb") as f:
            f.write(r["data"])
        print("stream=%d status=%s bytes=%d frames=%d padded=%d padlens=%s "
              "trailers=%d end=%s rst=%s closed=%s" % (
                  r["stream"], r["status"], len(r["data"]), r["frames"],
                  r["padded"], ",".join(map(str, sorted(r["padlens"]))) or "-",
                  r["trailers"], "yes" if r["end"] else "no",
                  "-" if r["rst"] is None else r["rst"],
                  "yes" if r["goaway"] else "no"))
        sys.stdout.flush()
        if r["goaway"]:
            break


if __name__ == "__main__":
    main()
