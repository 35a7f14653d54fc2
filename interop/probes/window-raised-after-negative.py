#!/usr/bin/env python3
"""Raw-socket TLS server probe, independent of h2harness: accepts one HTTP/2 client (ALPN h2),
sends SETTINGS(INITIAL_WINDOW_SIZE=1000) and WINDOW_UPDATE(stream 0, 100,000,000), acks the client's
SETTINGS, and once DATA has arrived on stream 1 (and 100 ms passed) sends
SETTINGS(INITIAL_WINDOW_SIZE=10,000,000). Prints when the client acked the first SETTINGS and how
many DATA octets came before and after the raise. RFC 9113 §6.9.2: the raise adjusts the stream
window by the difference, so a client with body left goes on even if its window was negative.

Usage: window-raised-after-negative.py PORT CERT KEY   (then point the client at https://127.0.0.1:PORT/)
"""
import socket
import ssl
import sys
import time

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
s.sendall(bytes.fromhex('000006040000000000') + (4).to_bytes(2, 'big') + (1000).to_bytes(4, 'big'))
s.sendall(bytes.fromhex('000004080000000000') + (100_000_000).to_bytes(4, 'big'))
buf, before, after, raised, first_data = b'', 0, 0, None, None
s.settimeout(0.1)
deadline = time.time() + 8
preface = False
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
            s.sendall(bytes.fromhex('000000040100000000'))
        elif kind == 4:
            print('client SETTINGS ACK after %d DATA octets' % (before + after))
        elif kind == 0:
            if first_data is None:
                first_data = time.time()
            if raised is None:
                before += n
            else:
                after += n
            if flags & 1:
                print('END_STREAM')
    if first_data and raised is None and time.time() - first_data > 0.1:
        raised = time.time()
        print('sending SETTINGS(INITIAL_WINDOW_SIZE=10000000) after %d DATA octets' % before)
        s.sendall(bytes.fromhex('000006040000000000') + (4).to_bytes(2, 'big') + (10_000_000).to_bytes(4, 'big'))
print('DATA octets: %d before the raise, %d after it' % (before, after))
