//! The server role: the listening socket and the poll() loop over up to 1024 non-blocking
//! connections, with lingering close. A port of the C shim's main.c.

use crate::conn::Conn;
use crate::ffi;
use crate::output::OUT_SOFT;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::os::unix::io::AsRawFd;
use std::os::unix::net::UnixStream;
use std::time::{Duration, Instant};

const MAX_CONNS: usize = 1024;
const LINGER: Duration = Duration::from_millis(2000);

/// Whether the loop must turn again without waiting for the socket: nghttp2 still wants to write
/// (a PAUSE or a scripted WOULDBLOCK makes nghttp2_session_send() return 0 early) or a deferred
/// stream waits, there is room, and the last turn made progress or did not try. A session that
/// tried and could not move must not make us spin.
fn again(c: &mut Conn, tried: bool, before: u64) -> bool {
    (c.wants_write() || c.st.deferred) && c.st.out.used() < OUT_SOFT && (!tried || c.st.progress != before)
}

fn pfd(fd: i32, events: i16) -> libc::pollfd {
    libc::pollfd { fd, events, revents: 0 }
}

pub fn run(port: u16, fault: bool, debug: bool) -> i32 {
    let listener = match TcpListener::bind(("127.0.0.1", port)).and_then(|l| {
        l.set_nonblocking(true)?;
        Ok(l)
    }) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("h2h-rust-shim: listen on 127.0.0.1: {}", e);
            return 1;
        }
    };
    let (mut wake_rx, wake_tx) = match UnixStream::pair().and_then(|(a, b)| {
        a.set_nonblocking(true)?;
        b.set_nonblocking(true)?;
        Ok((a, b))
    }) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("h2h-rust-shim: pipe: {}", e);
            return 1;
        }
    };
    if let Err(e) = ffi::install_signals(wake_tx.as_raw_fd()) {
        eprintln!("h2h-rust-shim: sigaction: {}", e);
        return 1;
    }
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(0);
    let mut stdout = std::io::stdout();
    if writeln!(stdout, "listening on 127.0.0.1:{}", port).and_then(|_| stdout.flush()).is_err() {
        return 1;
    }

    let mut conns: Vec<Conn> = Vec::new();
    let mut kick: Vec<bool> = Vec::new();
    let mut pfds: Vec<libc::pollfd> = Vec::new();
    loop {
        let mut timeout: i32 = -1;
        let now = Instant::now();
        pfds.clear();
        pfds.push(pfd(wake_rx.as_raw_fd(), libc::POLLIN));
        pfds.push(pfd(if conns.len() < MAX_CONNS { listener.as_raw_fd() } else { -1 }, libc::POLLIN));
        for (i, c) in conns.iter_mut().enumerate() {
            let fd = c.st.out.sock.as_raw_fd();
            if c.lingering {
                let left = c.linger_until.saturating_duration_since(now).as_millis() as i32;
                pfds.push(pfd(fd, libc::POLLIN));
                if timeout < 0 || left < timeout {
                    timeout = left;
                }
                continue;
            }
            let ev = (if c.wants_read() { libc::POLLIN } else { 0 }) | (if c.st.out.used() > 0 { libc::POLLOUT } else { 0 });
            pfds.push(pfd(fd, ev));
            if kick[i] {
                timeout = 0;
            }
        }
        match ffi::poll(&mut pfds, timeout) {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                eprintln!("h2h-rust-shim: poll: {}", e);
                break;
            }
        }
        if pfds[0].revents & libc::POLLIN != 0 {
            let mut b = [0u8; 16];
            let _ = wake_rx.read(&mut b);
            break; // SIGTERM or SIGINT
        }
        let listener_ready = pfds[1].revents & libc::POLLIN != 0;
        // Walk the connections; a dead one is swapped with the last, which is visited next.
        let mut revs: Vec<i16> = pfds[2..].iter().map(|f| f.revents).collect();
        let mut i = 0;
        while i < conns.len() {
            let re = revs[i];
            let c = &mut conns[i];
            let dead = if c.lingering {
                (re & (libc::POLLIN | libc::POLLHUP | libc::POLLERR) != 0 && c.st.out.drain().is_err())
                    || Instant::now() >= c.linger_until
            } else {
                let mut dead = re & (libc::POLLIN | libc::POLLHUP | libc::POLLERR) != 0 && c.on_readable().is_err();
                if !dead {
                    c.resume_deferred();
                    let before = c.st.progress;
                    let mut tried = false;
                    if c.st.out.used() < OUT_SOFT && c.wants_write() {
                        c.send();
                        tried = true;
                    }
                    dead = c.st.out.flush().is_err();
                    if !dead && c.done() {
                        dead = c.st.out.shutdown_write().is_err();
                        c.lingering = true;
                        c.linger_until = Instant::now() + LINGER;
                    }
                    kick[i] = !c.lingering && again(c, tried, before);
                }
                dead
            };
            if dead {
                conns.swap_remove(i);
                kick.swap_remove(i);
                revs.swap_remove(i);
                continue;
            }
            i += 1;
        }
        if listener_ready {
            while conns.len() < MAX_CONNS {
                match listener.accept() {
                    Ok((sock, _)) => {
                        let c = sock
                            .set_nonblocking(true)
                            .and_then(|_| sock.set_nodelay(true))
                            .ok()
                            .and_then(|_| Conn::new(sock, fault, debug));
                        match c {
                            Some(c) => {
                                conns.push(c);
                                kick.push(true); // send our SETTINGS right away
                            }
                            None => eprintln!("h2h-rust-shim: cannot set up a connection"),
                        }
                    }
                    Err(e) => {
                        match e.kind() {
                            std::io::ErrorKind::WouldBlock
                            | std::io::ErrorKind::Interrupted
                            | std::io::ErrorKind::ConnectionAborted => {}
                            _ => eprintln!("h2h-rust-shim: accept: {}", e),
                        }
                        break;
                    }
                }
            }
        }
    }
    0
}
