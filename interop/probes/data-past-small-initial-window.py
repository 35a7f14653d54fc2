#!/usr/bin/env python3
"""Raw-socket h2c client probe, independent of h2harness: ROUNDS times, opens a connection, sends
the preface, SETTINGS(INITIAL_WINDOW_SIZE=1) and at once HEADERS GET PATH on stream 1 (an HPACK
block of literals without Huffman), acks the server's SETTINGS, and reads for 1 s without giving
any credit, until the first DATA frame on stream 1 (at most 0.3 s: a server may also wait for more
credit). RFC 9113 §6.5.3: the server processes the SETTINGS, which arrive before the request, and
acks them; §6.9.2: INITIAL_WINDOW_SIZE 1 then sets the stream's window; §6.9.1: no DATA on stream 1
may carry more than 1 octet. Counts the rounds where a DATA frame overran the window, before and
after the server's SETTINGS ACK, and prints the frames of the first two of each.

Usage: data-past-small-initial-window.py PORT PATH ROUNDS
"""
import socket
import sys
import time

port, path, rounds = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])


def literal(name, value):
    n, v = name.encode(), value.encode()
    return b'\x00' + bytes([len(n)]) + n + bytes([len(v)]) + v


block = literal(':method', 'GET') + literal(':scheme', 'http') + literal(':path', path) \
    + literal(':authority', '127.0.0.1:%d' % port)
request = (b'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'
           + bytes.fromhex('000006040000000000') + (4).to_bytes(2, 'big') + (1).to_bytes(4, 'big')
           + len(block).to_bytes(3, 'big') + bytes([1, 0x05]) + (1).to_bytes(4, 'big') + block)
overruns = {'before': 0, 'after': 0}
for r in range(rounds):
    s = socket.create_connection(('127.0.0.1', port))
    s.sendall(request)
    s.settimeout(0.05)
    buf, acked, log, deadline = b"", False, [], time.time() + 0.3
    while time.time() < deadline:
        try:
            chunk = s.recv(1 << 16)
            if not chunk:
                break
            buf += chunk
        except socket.timeout:
            pass
        while len(buf) >= 9 and len(buf) >= 9 + int.from_bytes(buf[:3], 'big'):
            n, kind, flags = int.from_bytes(buf[:3], 'big'), buf[3], buf[4]
            stream = int.from_bytes(buf[5:9], 'big') & 0x7fffffff
            buf = buf[9 + n:]
            log.append('%s len=%d flags=0x%02x stream=%d' % (
                {0: 'DATA', 1: 'HEADERS', 4: 'SETTINGS', 7: 'GOAWAY', 8: 'WINDOW_UPDATE'}.get(kind, kind), n, flags, stream))
            if kind == 4 and flags & 1:
                acked = True
            elif kind == 4:
                s.sendall(bytes.fromhex('000000040100000000'))
            elif kind == 0 and stream == 1:
                if n > 1:
                    when = 'after' if acked else 'before'
                    overruns[when] += 1
                    if overruns[when] <= 2:
                        print('round %d: DATA of %d octets on stream 1 %s the SETTINGS ACK; frames: %s' % (
                            r, n, when, '; '.join(log)))
                deadline = 0
    s.close()
print('%d of %d rounds sent DATA past the 1-octet window: %d before the SETTINGS ACK, %d after it' % (
    overruns['before'] + overruns['after'], rounds, overruns['before'], overruns['after']))
