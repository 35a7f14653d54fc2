#!/usr/bin/env python3
"""Raw-socket TLS server probe, independent of h2harness: accepts one HTTP/2 client (ALPN h2),
sends an empty SETTINGS, acks the client's SETTINGS, and as soon as the request HEADERS on stream 1
arrive sends PRIORITY(stream 1, dependency 0, weight 16). It gives credit as DATA arrives, answers
200 once the request has ended, and prints what the client sent after the PRIORITY frame: DATA
octets, END_STREAM, RST_STREAM (with its code), GOAWAY, or the close. RFC 9113 §6.3: a PRIORITY
frame can be sent in any stream state; §5.1: an open or half-closed (local) stream can receive any
type of frame. A client has nothing to do but carry on.

Usage: priority-on-open-stream.py PORT CERT KEY   (then point the client at https://127.0.0.1:PORT/)
"""
import socket
import ssl
import sys
import time

CODES = {0: 'NO_ERROR', 1: 'PROTOCOL_ERROR', 2: 'INTERNAL_ERROR', 8: 'CANCEL'}

port, cert, key = int(sys.argv[1]), sys.argv[2], sys.argv[3]
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(cert, key)
ctx.set_alpn_protocols(['h2'])
ls = socket.socket()
ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
ls.bind(('127.0.0.1', port))
ls.listen(1)
raw, _ = ls.accept()
s = ctx.wrap_socket(raw, server_side=True)
print('ALPN', s.selected_alpn_protocol())
s.sendall(bytes.fromhex('000000040000000000'))


def frame(kind, flags, stream, payload=b''):
    return len(payload).to_bytes(3, 'big') + bytes([kind, flags]) + stream.to_bytes(4, 'big') + payload


buf, preface, sent_priority, after = b'', False, False, 0
s.settimeout(0.1)
deadline = time.time() + 8
while time.time() < deadline:
    try:
        chunk = s.recv(1 << 16)
        if not chunk:
            print('connection closed by the client')
            break
        buf += chunk
    except (socket.timeout, ssl.SSLWantReadError):
        pass
    if not preface and len(buf) >= 24:
        buf, preface = buf[24:], True
    while preface and len(buf) >= 9 and len(buf) >= 9 + int.from_bytes(buf[:3], 'big'):
        n, kind, flags = int.from_bytes(buf[:3], 'big'), buf[3], buf[4]
        stream = int.from_bytes(buf[5:9], 'big') & 0x7fffffff
        payload, buf = buf[9:9 + n], buf[9 + n:]
        if kind == 4 and not flags & 1:
            s.sendall(frame(4, 1, 0))
        elif kind == 1 and stream == 1 and not sent_priority:
            print('request HEADERS on stream 1 (END_STREAM=%s); sending PRIORITY(stream 1)' % bool(flags & 1))
            s.sendall(frame(2, 0, 1, bytes.fromhex('0000000010')))
            sent_priority = True
        elif kind == 0:
            if sent_priority:
                after += n
            if n:
                s.sendall(frame(8, 0, 0, n.to_bytes(4, 'big')) + frame(8, 0, stream, n.to_bytes(4, 'big')))
            if flags & 1:
                print('END_STREAM after %d DATA octets since the PRIORITY frame; answering 200' % after)
                s.sendall(frame(1, 5, stream, bytes([0x88])))  # :status 200 (static index 8), END_STREAM
        elif kind == 3:
            code = int.from_bytes(payload[:4], 'big')
            print('RST_STREAM(stream %d, %s) after %d DATA octets since the PRIORITY frame'
                  % (stream, CODES.get(code, code), after))
        elif kind == 7:
            code = int.from_bytes(payload[4:8], 'big')
            print('GOAWAY(%s) %r' % (CODES.get(code, code), payload[8:]))
print('done')
