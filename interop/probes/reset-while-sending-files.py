#!/usr/bin/env python3
"""Raw-socket probe, independent of h2harness: on each of ROUNDS connections, request PATH on five
streams at once, read a little, reset two streams (RST_STREAM CANCEL), then close the socket while
the server is still sending. Stops at the first connection refused (the server is gone).

Usage: reset-while-sending-files.py PORT PATH ROUNDS   (h2c with prior knowledge on 127.0.0.1)
"""
import socket
import sys

port, path, rounds = int(sys.argv[1]), sys.argv[2].encode(), int(sys.argv[3])
authority = b'127.0.0.1'
block = b'\x82\x86\x44' + bytes([len(path)]) + path + b'\x41' + bytes([len(authority)]) + authority
for r in range(1, rounds + 1):
    try:
        s = socket.create_connection(('127.0.0.1', port))
    except ConnectionRefusedError:
        print('connection refused at round %d: the server is gone' % r)
        sys.exit(1)
    s.sendall(b'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n' + bytes.fromhex('000000040000000000'))
    for sid in (1, 3, 5, 7, 9):
        s.sendall(len(block).to_bytes(3, 'big') + b'\x01\x05' + sid.to_bytes(4, 'big') + block)
    s.settimeout(1)
    try:
        s.recv(20000)
    except (socket.timeout, ConnectionResetError):
        pass
    try:
        for sid in (1, 5):
            s.sendall(bytes.fromhex('0000040300') + sid.to_bytes(4, 'big') + (8).to_bytes(4, 'big'))
    except OSError as e:
        print('round %d: %s while resetting streams' % (r, e))
    try:
        s.close()
    except OSError:
        pass
print('server still up after %d rounds' % rounds)
