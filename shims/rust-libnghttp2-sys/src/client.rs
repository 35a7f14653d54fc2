//! The client role (`h2h-rust-shim client URL`): one connection, stream 1 uploads a controlled body
//! through NO_COPY as the URL's h2h- query parameters say, stream 3 hands over the call log, then
//! GOAWAY. Without h2h- parameters it does a plain GET.

use crate::body::{Controlled, Shared};
use crate::calllog::CallLogs;
use crate::ffi::{self, Body, DataFrame, FrameInfo, Handler, HeadersCat, Read, Session, SessionRef};
use crate::output::{Output, OUT_CAP, OUT_SOFT};
use crate::url::{control_of, parse_url};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::{Duration, Instant};

/// Without any I/O for this long the client gives up (exit 1): a client must never hang.
const IDLE: Duration = Duration::from_secs(30);
const LINGER: Duration = Duration::from_millis(2000);

struct State {
    out: Output,
    logs: CallLogs,
    upload: Option<Controlled>,
    /// Stream 3's body: the call log JSON.
    log_body: Vec<u8>,
    log_off: usize,
    status: [Option<u16>; 2],
    closed: [Option<u32>; 2],
    send_calls: u64,
    progress: u64,
    closing: bool,
    deferred: bool,
    fault: bool,
    debug: bool,
    /// A scripted outcome other than ok/wouldblock/pause was returned: the stream (or the
    /// connection) ending without a response is then expected, not a client error.
    scripted_failure: bool,
}

fn slot(stream_id: i32) -> Option<usize> {
    match stream_id {
        1 => Some(0),
        3 => Some(1),
        _ => None,
    }
}

impl Handler for State {
    fn send(&mut self, data: &[u8]) -> isize {
        self.progress += 1;
        let n = data.len().min(OUT_CAP - self.out.used());
        if n == 0 || !self.out.write_unit(&[&data[..n]]) {
            return ffi::ERR_WOULDBLOCK as isize;
        }
        n as isize
    }

    fn header(&mut self, f: &FrameInfo, name: &[u8], value: &[u8]) -> i32 {
        if f.kind == ffi::FRAME_HEADERS && f.cat == HeadersCat::Response && name == b":status" {
            if let Some(i) = slot(f.stream_id) {
                self.status[i] = std::str::from_utf8(value).ok().and_then(|v| v.parse().ok());
            }
        }
        0
    }

    fn stream_close(&mut self, stream_id: i32, error_code: u32) -> i32 {
        if let Some(i) = slot(stream_id) {
            self.closed[i] = Some(error_code);
        }
        0
    }

    fn read(&mut self, s: &mut SessionRef, stream_id: i32, buf: &mut [u8]) -> Read {
        self.progress += 1;
        let used = self.out.used();
        let debug = self.debug;
        match (stream_id, self.upload.as_mut()) {
            (1, Some(c)) => {
                let r = c.read(s, stream_id, buf.len(), used, debug);
                if c.deferred {
                    self.deferred = true;
                }
                r
            }
            (3, _) => {
                let n = (self.log_body.len() - self.log_off).min(buf.len());
                buf[..n].copy_from_slice(&self.log_body[self.log_off..self.log_off + n]);
                self.log_off += n;
                Read::Copied { n, eof: self.log_off == self.log_body.len() }
            }
            _ => Read::Error(ffi::ERR_CALLBACK_FAILURE),
        }
    }

    fn select_padding(&mut self, f: &FrameInfo, max_payloadlen: usize) -> isize {
        let v = match (f.stream_id, &self.upload) {
            (1, Some(c)) => c.select_padding(f, max_payloadlen),
            _ => f.length,
        };
        v as isize
    }

    fn send_data(&mut self, f: &DataFrame) -> i32 {
        self.progress += 1;
        let mut sh = Shared {
            out: &mut self.out,
            logs: &mut self.logs,
            send_calls: self.send_calls,
            fault: self.fault,
            debug: self.debug,
        };
        let rv = match (f.stream_id, self.upload.as_mut()) {
            (1, Some(c)) => c.send_data(f, &mut sh),
            _ => ffi::ERR_CALLBACK_FAILURE,
        };
        if rv != 0 && rv != ffi::ERR_WOULDBLOCK && rv != ffi::ERR_PAUSE {
            self.scripted_failure = true;
        }
        rv
    }
}

struct Client {
    session: Session,
    st: State,
}

impl Client {
    fn send(&mut self) {
        if self.st.closing || !self.session.get().want_write() {
            return;
        }
        self.st.send_calls += 1;
        let rv = self.session.send(&mut self.st);
        if self.st.debug {
            eprintln!("[debug] session_send #{} -> {}", self.st.send_calls, rv);
        }
        if rv != 0 {
            eprintln!("h2h-rust-shim client: session_send: {}", ffi::strerror(rv));
            self.st.closing = true;
        }
    }

    /// Err: EOF or a socket error.
    fn on_readable(&mut self) -> Result<(), ()> {
        let mut buf = [0u8; 16384];
        for _ in 0..8 {
            if self.st.closing || self.st.out.used() >= OUT_SOFT {
                break;
            }
            let n = match self.st.out.read(&mut buf) {
                Ok(0) => return Err(()),
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => return Ok(()),
                Err(_) => return Err(()),
            };
            self.st.progress += 1;
            let rv = self.session.mem_recv(&mut self.st, &buf[..n]);
            if rv < 0 {
                eprintln!("h2h-rust-shim client: mem_recv: {}", ffi::strerror(rv as i32));
                self.st.closing = true;
            }
        }
        Ok(())
    }

    fn resume_deferred(&mut self) {
        if !self.st.deferred || self.st.closing || self.st.out.used() >= OUT_SOFT {
            return;
        }
        self.st.deferred = false;
        if let Some(c) = self.st.upload.as_mut() {
            if c.deferred {
                c.deferred = false;
                if ffi::is_fatal(self.session.get().resume_data(1)) {
                    self.st.closing = true;
                }
            }
        }
    }

    /// Turns the loop until `until` holds, the connection ends (Err) or nothing moves for IDLE.
    fn turn_until(&mut self, until: impl Fn(&State) -> bool) -> Result<(), &'static str> {
        let fd = std::os::unix::io::AsRawFd::as_raw_fd(&self.st.out.sock);
        let mut last = Instant::now();
        let mut kick = true;
        loop {
            self.resume_deferred();
            let before = self.st.progress;
            let tried = !self.st.closing && self.st.out.used() < OUT_SOFT && self.session.get().want_write();
            if tried {
                self.send();
            }
            if self.st.out.flush().is_err() {
                return Err("connection lost");
            }
            if until(&self.st) {
                return Ok(());
            }
            if self.st.closing && self.st.out.used() == 0 {
                return Err("session ended");
            }
            if !self.st.closing && !self.session.get().want_read() && !self.session.get().want_write() && !self.st.deferred
            {
                return Err("session has nothing more to do");
            }
            let again = (self.session.get().want_write() || self.st.deferred)
                && self.st.out.used() < OUT_SOFT
                && (!tried || self.st.progress != before);
            let mut ev = if self.st.out.used() > 0 { libc::POLLOUT } else { 0 };
            if !self.st.closing && self.st.out.used() < OUT_SOFT {
                ev |= libc::POLLIN;
            }
            let mut fds = [libc::pollfd { fd, events: ev, revents: 0 }];
            let timeout = if again || kick { 0 } else { 1000 };
            kick = false;
            match ffi::poll(&mut fds, timeout) {
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(_) => return Err("poll failed"),
            }
            if fds[0].revents & (libc::POLLIN | libc::POLLHUP | libc::POLLERR) != 0 && self.on_readable().is_err() {
                return Err("connection closed by the peer");
            }
            if self.st.progress != before || fds[0].revents != 0 {
                last = Instant::now();
            } else if last.elapsed() > IDLE {
                return Err("timed out");
            }
        }
    }

    /// Flush what is buffered, shut the write side and drain for a while, so the peer receives
    /// every byte instead of a reset.
    fn close(&mut self) {
        let _ = self.st.out.flush();
        let _ = self.st.out.shutdown_write();
        let until = Instant::now() + LINGER;
        let fd = std::os::unix::io::AsRawFd::as_raw_fd(&self.st.out.sock);
        while Instant::now() < until {
            let mut fds = [libc::pollfd { fd, events: libc::POLLIN, revents: 0 }];
            let left = until.saturating_duration_since(Instant::now()).as_millis() as i32;
            if ffi::poll(&mut fds, left).is_err() || self.st.out.drain().is_err() {
                return;
            }
        }
    }
}

/// Runs the client; returns the exit code (0 ok, 1 could not connect or not 2xx, 2 usage).
pub fn run(url: &str, fault: bool, debug: bool) -> i32 {
    let u = match parse_url(url) {
        Ok(u) => u,
        Err(e) => {
            eprintln!("h2h-rust-shim client: {}", e);
            return 2;
        }
    };
    let ctl = match control_of(&u.query) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("h2h-rust-shim client: {}", e);
            return 2;
        }
    };
    let sock = (u.host.as_str(), u.port)
        .to_socket_addrs()
        .ok()
        .and_then(|mut a| a.next())
        .and_then(|a| TcpStream::connect_timeout(&a, Duration::from_secs(5)).ok())
        .and_then(|s| s.set_nonblocking(true).and_then(|_| s.set_nodelay(true)).map(|_| s).ok());
    let sock = match sock {
        Some(s) => s,
        None => {
            eprintln!("h2h-rust-shim client: cannot connect to {}", u.authority);
            return 1;
        }
    };
    let session = match Session::client::<State>() {
        Some(s) => s,
        None => {
            eprintln!("h2h-rust-shim client: cannot create an nghttp2 session");
            return 1;
        }
    };
    let mut c = Client {
        session,
        st: State {
            out: Output::new(sock),
            logs: CallLogs::default(),
            upload: None,
            log_body: Vec::new(),
            log_off: 0,
            status: [None, None],
            closed: [None, None],
            send_calls: 0,
            progress: 0,
            closing: false,
            deferred: false,
            fault,
            debug,
            scripted_failure: false,
        },
    };
    let control = ctl.any;
    let trailers = ctl.trailers();
    let clen = ctl.body_len().to_string();
    if control {
        c.st.upload = Some(Controlled::new(ctl, &mut c.st.logs, 1));
    }
    let s = c.session.get();
    let mut fields: Vec<(&[u8], &[u8])> = vec![
        (b":method", if control { b"POST" } else { b"GET" }),
        (b":scheme", b"http"),
        (b":authority", u.authority.as_bytes()),
        (b":path", u.path.as_bytes()),
    ];
    if control {
        fields.push((b"h2h-version", b"1"));
        if !trailers {
            fields.push((b"content-length", clen.as_bytes()));
        }
    }
    if s.submit_settings() != 0
        || s.submit_request::<State>(&fields, if control { Body::Provider } else { Body::None }) != 1
    {
        eprintln!("h2h-rust-shim client: cannot submit the request");
        return 1;
    }

    // Stream 1 ends in both directions (response received, or RST_STREAM).
    let first = c.turn_until(|st| st.closed[0].is_some());
    let ok = c.st.status[0].map_or(false, |v| (200..300).contains(&v));
    let excused = c.st.scripted_failure;
    if first.is_ok() && control {
        c.st.log_body = c.st.logs.render(1).into_bytes();
        let len = c.st.log_body.len().to_string();
        let fields: [(&[u8], &[u8]); 6] = [
            (b":method", b"POST"),
            (b":scheme", b"http"),
            (b":authority", u.authority.as_bytes()),
            (b":path", b"/h2h/client-log?stream=1"),
            (b"content-type", b"application/json"),
            (b"content-length", len.as_bytes()),
        ];
        if c.session.get().submit_request::<State>(&fields, Body::Provider) == 3 {
            if let Err(e) = c.turn_until(|st| st.closed[1].is_some()) {
                eprintln!("h2h-rust-shim client: call log not delivered: {}", e);
            }
        }
    }
    if !c.st.closing {
        c.session.get().submit_goaway(ffi::NO_ERROR);
        c.send();
    }
    c.close();
    if let Err(e) = first {
        if !excused {
            eprintln!("h2h-rust-shim client: stream 1 did not end: {}", e);
            return 1;
        }
        return 0;
    }
    if !ok && !excused {
        match c.st.status[0] {
            Some(v) => eprintln!("h2h-rust-shim client: the response to stream 1 was {}", v),
            None => eprintln!("h2h-rust-shim client: stream 1 ended without a response"),
        }
        return 1;
    }
    0
}
