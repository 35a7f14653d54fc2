#!/usr/bin/env python3
"""Raw-socket probe, independent of h2harness: GET PATH with a stream window of exactly the body's
length (SETTINGS_INITIAL_WINDOW_SIZE = LENGTH, the connection window opened wide), read the whole
body, then report whether END_STREAM came within 2 s; if not, give 1 octet of stream credit and
report what follows. RFC 9113 §6.9.1: an empty DATA frame with END_STREAM MAY be sent when no window
is left, so waiting for credit is allowed.

Usage: end-stream-after-exact-window.py PORT PATH LENGTH   (h2c with prior knowledge on 127.0.0.1)
"""
import socket
import sys
import time

port, path, length = int(sys.argv[1]), sys.argv[2].encode(), int(sys.argv[3])
s = socket.create_connection(('127.0.0.1', port))
settings = (4).to_bytes(2, 'big') + length.to_bytes(4, 'big')
s.sendall(b'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n' + bytes.fromhex('000006040000000000') + settings)
s.sendall(bytes.fromhex('000004080000000000') + (0x7fff0000).to_bytes(4, 'big'))  # connection credit
authority = b'127.0.0.1'
block = b'\x82\x86\x44' + bytes([len(path)]) + path + b'\x41' + bytes([len(authority)]) + authority
s.sendall(len(block).to_bytes(3, 'big') + b'\x01\x05' + (1).to_bytes(4, 'big') + block)  # HEADERS END_STREAM|END_HEADERS

buf, body, ended, credited, full_at = b'', 0, False, False, None
s.settimeout(0.1)
deadline = time.time() + 10
while time.time() < deadline and not ended:
    try:
        chunk = s.recv(1 << 16)
        if not chunk:
            print('connection closed')
            break
        buf += chunk
    except socket.timeout:
        pass
    while len(buf) >= 9 and len(buf) >= 9 + int.from_bytes(buf[:3], 'big'):
        n, kind, flags = int.from_bytes(buf[:3], 'big'), buf[3], buf[4]
        stream = int.from_bytes(buf[5:9], 'big') & 0x7fffffff
        payload, buf = buf[9:9 + n], buf[9 + n:]
        if kind == 4 and not flags & 1:
            s.sendall(bytes.fromhex('000000040100000000'))  # SETTINGS ACK
        if kind == 0 and stream == 1:
            pad = payload[0] + 1 if flags & 0x8 else 0
            body += n - pad
            if flags & 1:
                ended = True
                print('DATA len=%d END_STREAM after %d body octets%s' % (n, body, ' (after 1 octet of credit)' if credited else ''))
    if body >= length and not ended and not credited:
        if full_at is None:
            full_at = time.time()
            print('all %d body octets received, no END_STREAM yet' % body)
        elif time.time() - full_at > 2:
            print('no END_STREAM 2 s after the last body octet; sending WINDOW_UPDATE(stream 1, 1)')
            s.sendall(bytes.fromhex('000004080000000001') + (1).to_bytes(4, 'big'))
            credited = True
if not ended:
    print('stream 1 did not end (%d body octets)' % body)
