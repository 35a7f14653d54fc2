//! One connection's ordered output: the socket plus a bounded buffer. A unit (what the send
//! callback hands over, or one whole DATA frame) goes straight to the socket in one vectored write
//! when nothing is pending; what the socket does not take, and every unit that arrives while bytes
//! are pending, is buffered behind them, so the order nghttp2 produced is the order on the wire.

use std::io::{self, IoSlice, Read, Write};
use std::net::{Shutdown, TcpStream};

/// Callbacks stop producing DATA above OUT_SOFT (the read callback defers) and the output never
/// holds more than OUT_CAP. The gap exceeds one maximal DATA frame (9 + 16384 + 256), so a NO_COPY
/// frame always fits as one unit.
pub const OUT_SOFT: usize = 128 * 1024;
pub const OUT_CAP: usize = 256 * 1024;

pub struct Output {
    pub sock: TcpStream,
    buf: Vec<u8>,
    head: usize,
    /// A write failed for good: everything is buffered until `flush` reports the error.
    broken: bool,
}

impl Output {
    pub fn new(sock: TcpStream) -> Output {
        Output { sock, buf: Vec::new(), head: 0, broken: false }
    }

    /// Octets waiting for the socket.
    pub fn used(&self) -> usize {
        self.buf.len() - self.head
    }

    pub fn room(&self) -> usize {
        OUT_CAP - self.used()
    }

    /// Writes all `parts` as one unit, or nothing when they do not fit (returns false).
    pub fn write_unit(&mut self, parts: &[&[u8]]) -> bool {
        let total: usize = parts.iter().map(|p| p.len()).sum();
        if total > self.room() {
            return false;
        }
        let mut done = 0;
        if self.used() == 0 && !self.broken {
            let slices: Vec<IoSlice> = parts.iter().filter(|p| !p.is_empty()).map(|p| IoSlice::new(p)).collect();
            loop {
                match self.sock.write_vectored(&slices) {
                    Ok(n) => done = n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
                    Err(_) => self.broken = true,
                }
                break;
            }
        }
        // The rest of the unit, in order, behind nothing else (used() was 0) or behind what waits.
        for p in parts {
            if done >= p.len() {
                done -= p.len();
                continue;
            }
            self.buf.extend_from_slice(&p[done..]);
            done = 0;
        }
        true
    }

    /// Sends what is buffered until the socket blocks. Err: the peer is gone.
    pub fn flush(&mut self) -> io::Result<()> {
        if self.broken {
            return Err(io::Error::new(io::ErrorKind::BrokenPipe, "write failed"));
        }
        while self.used() > 0 {
            match self.sock.write(&self.buf[self.head..]) {
                Ok(0) => return Err(io::Error::new(io::ErrorKind::WriteZero, "socket took nothing")),
                Ok(n) => self.head += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                Err(e) => return Err(e),
            }
        }
        if self.head == self.buf.len() {
            self.buf.clear();
            self.head = 0;
        } else if self.head >= OUT_SOFT {
            self.buf.drain(..self.head);
            self.head = 0;
        }
        Ok(())
    }

    /// One bounded read; Ok(0) is EOF.
    pub fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.sock.read(buf)
    }

    pub fn shutdown_write(&mut self) -> io::Result<()> {
        self.sock.shutdown(Shutdown::Write)
    }

    /// Discards input; Err on EOF or error (close now), Ok when the socket would block.
    pub fn drain(&mut self) -> io::Result<()> {
        let mut buf = [0u8; 16384];
        loop {
            match self.sock.read(&mut buf) {
                Ok(0) => return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "eof")),
                Ok(_) => {}
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Ok(()),
                Err(e) => return Err(e),
            }
        }
    }
}
