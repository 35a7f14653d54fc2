#!/usr/bin/env python3
"""Raw-socket probe, independent of h2harness: after the client preface and an empty SETTINGS, send
DATA on stream 0 (a connection error, RFC 9113 §6.1) and print every frame the server sends, then
whether it closed the connection within 5 s (RFC 9113 §5.4.1: after GOAWAY for a connection error
the endpoint MUST close the TCP connection).

Usage: goaway-after-connection-error.py PORT   (h2c with prior knowledge on 127.0.0.1)
"""
import socket
import sys
import time

NAMES = {0: 'DATA', 1: 'HEADERS', 3: 'RST_STREAM', 4: 'SETTINGS', 6: 'PING', 7: 'GOAWAY', 8: 'WINDOW_UPDATE'}

s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))
s.sendall(b'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n' + bytes.fromhex('000000040000000000'))
s.sendall(bytes.fromhex('000002000000000000') + b'\x00\x01')  # DATA, length 2, stream 0
s.settimeout(0.2)
received, start, closed = b'', time.time(), None
while time.time() - start < 5:
    try:
        chunk = s.recv(65536)
    except socket.timeout:
        continue
    if not chunk:
        closed = time.time() - start
        break
    received += chunk
i = 0
while i + 9 <= len(received):
    length = int.from_bytes(received[i:i + 3], 'big')
    kind, flags = received[i + 3], received[i + 4]
    stream = int.from_bytes(received[i + 5:i + 9], 'big') & 0x7fffffff
    payload = received[i + 9:i + 9 + length]
    extra = ''
    if kind == 7:
        extra = ' last_stream=%d code=%d debug=%r' % (int.from_bytes(payload[0:4], 'big') & 0x7fffffff,
                                                      int.from_bytes(payload[4:8], 'big'), payload[8:])
    print('recv %s len=%d flags=0x%02x stream=%d%s' % (NAMES.get(kind, kind), length, flags, stream, extra))
    i += 9 + length
print('closed by the server after %.2f s' % closed if closed is not None else 'still open after 5 s')
