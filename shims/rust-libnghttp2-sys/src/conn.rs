//! One h2c server connection: the nghttp2 session, its output, live streams and call log, and the
//! request-side callbacks. Which response a request gets is decided in `route`.

use crate::body::{Controlled, Shared};
use crate::calllog::CallLogs;
use crate::control::Control;
use crate::ffi::{self, DataFrame, FrameInfo, Handler, HeadersCat, Read, Session, SessionRef};
use crate::output::{Output, OUT_CAP, OUT_SOFT};
use crate::route;
use std::collections::HashMap;
use std::net::TcpStream;

pub enum Kind {
    Pending,
    /// A copied body (log JSON, HTML, error text) and how far it was read.
    Static(Vec<u8>, usize),
    Controlled(Controlled),
}

pub struct Stream {
    pub path: Option<Vec<u8>>,
    /// HEAD: the response carries no content (RFC 9110 §9.3.2).
    pub is_head: bool,
    /// :authority and host, compared before answering (RFC 9113 §8.3.1).
    pub authority: Option<Vec<u8>>,
    pub host: Option<Vec<u8>>,
    pub ctl: Control,
    pub responded: bool,
    pub kind: Kind,
}

/// Everything nghttp2's callbacks touch; the session itself lives beside it in [`Conn`].
pub struct State {
    pub out: Output,
    pub streams: HashMap<i32, Stream>,
    pub logs: CallLogs,
    /// nghttp2_session_send() invocations.
    pub send_calls: u64,
    /// Bumps on any callback activity.
    pub progress: u64,
    /// Flush, then close.
    pub closing: bool,
    /// Some stream waits for output room.
    pub deferred: bool,
    pub fault: bool,
    pub debug: bool,
}

pub struct Conn {
    pub session: Session,
    pub st: State,
    pub lingering: bool,
    pub linger_until: std::time::Instant,
}

impl Handler for State {
    fn send(&mut self, data: &[u8]) -> isize {
        self.progress += 1;
        let n = data.len().min(OUT_CAP - self.out.used());
        if n == 0 || !self.out.write_unit(&[&data[..n]]) {
            return ffi::ERR_WOULDBLOCK as isize; // the loop waits for POLLOUT
        }
        n as isize
    }

    fn begin_headers(&mut self, f: &FrameInfo) -> i32 {
        if f.kind == ffi::FRAME_HEADERS && f.cat == HeadersCat::Request {
            self.streams
                .insert(f.stream_id, Stream {
                    path: None,
                    is_head: false,
                    authority: None,
                    host: None,
                    ctl: Control::default(),
                    responded: false,
                    kind: Kind::Pending,
                });
        }
        0
    }

    fn header(&mut self, f: &FrameInfo, name: &[u8], value: &[u8]) -> i32 {
        if f.kind != ffi::FRAME_HEADERS || f.cat != HeadersCat::Request {
            return 0; // request trailers are ignored
        }
        if let Some(s) = self.streams.get_mut(&f.stream_id) {
            if name == b":path" && s.path.is_none() {
                s.path = Some(value.to_vec());
            }
            if name == b":method" {
                s.is_head = value == b"HEAD";
            }
            if name == b":authority" && s.authority.is_none() {
                s.authority = Some(value.to_vec());
            }
            if name == b"host" && s.host.is_none() {
                s.host = Some(value.to_vec());
            }
            s.ctl.add(name, value);
        }
        0
    }

    /// Respond once the request is complete (END_STREAM), as nghttpd does.
    fn frame_recv(&mut self, s: &mut SessionRef, f: &FrameInfo) -> i32 {
        if (f.kind != ffi::FRAME_HEADERS && f.kind != ffi::FRAME_DATA) || f.flags & ffi::FLAG_END_STREAM == 0 {
            return 0;
        }
        match self.streams.get(&f.stream_id) {
            Some(st) if !st.responded => {}
            _ => return 0,
        }
        let rv = route::respond(self, s, f.stream_id);
        if ffi::is_fatal(rv) {
            ffi::ERR_CALLBACK_FAILURE
        } else {
            0
        }
    }

    fn stream_close(&mut self, stream_id: i32, _error_code: u32) -> i32 {
        self.streams.remove(&stream_id);
        0
    }

    fn read(&mut self, s: &mut SessionRef, stream_id: i32, buf: &mut [u8]) -> Read {
        self.progress += 1;
        let used = self.out.used();
        let debug = self.debug;
        let st = match self.streams.get_mut(&stream_id) {
            Some(st) => st,
            None => return Read::Error(ffi::ERR_CALLBACK_FAILURE),
        };
        match &mut st.kind {
            Kind::Static(body, off) => {
                let n = (body.len() - *off).min(buf.len());
                buf[..n].copy_from_slice(&body[*off..*off + n]);
                *off += n;
                Read::Copied { n, eof: *off == body.len() }
            }
            Kind::Controlled(c) => {
                let r = c.read(s, stream_id, buf.len(), used, debug);
                if c.deferred {
                    self.deferred = true;
                }
                r
            }
            Kind::Pending => Read::Error(ffi::ERR_CALLBACK_FAILURE),
        }
    }

    fn select_padding(&mut self, f: &FrameInfo, max_payloadlen: usize) -> isize {
        // Only the controlled DATA frames are padded; HEADERS never are.
        let v = match self.streams.get(&f.stream_id) {
            Some(Stream { kind: Kind::Controlled(c), .. }) => c.select_padding(f, max_payloadlen),
            _ => f.length,
        };
        if self.debug {
            eprintln!(
                "[debug] select_padding type={} stream={} length={} max_payloadlen={} -> {}",
                f.kind, f.stream_id, f.length, max_payloadlen, v
            );
        }
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
        match self.streams.get_mut(&f.stream_id) {
            Some(Stream { kind: Kind::Controlled(c), .. }) => c.send_data(f, &mut sh),
            _ => ffi::ERR_CALLBACK_FAILURE,
        }
    }
}

impl Conn {
    pub fn new(sock: TcpStream, fault: bool, debug: bool) -> Option<Conn> {
        let mut session = Session::server::<State>()?;
        // Exactly one entry, like the Java reference server, so the two compare byte for byte.
        if session.get().submit_settings() != 0 {
            return None;
        }
        Some(Conn {
            session,
            st: State {
                out: Output::new(sock),
                streams: HashMap::new(),
                logs: CallLogs::default(),
                send_calls: 0,
                progress: 0,
                closing: false,
                deferred: false,
                fault,
                debug,
            },
            lingering: false,
            linger_until: std::time::Instant::now(),
        })
    }

    /// Reads up to 8 times (fairness); Err when the peer is gone.
    pub fn on_readable(&mut self) -> Result<(), ()> {
        let mut buf = [0u8; 16384];
        for _ in 0..8 {
            if !self.wants_read() {
                break;
            }
            let n = match self.st.out.read(&mut buf) {
                Ok(0) => return Err(()),
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => return Ok(()),
                Err(_) => return Err(()),
            };
            let rv = self.session.mem_recv(&mut self.st, &buf[..n]);
            if rv < 0 {
                eprintln!("h2h-rust-shim: mem_recv: {}", ffi::strerror(rv as i32));
                self.st.closing = true;
                return Ok(());
            }
        }
        Ok(())
    }

    /// Runs nghttp2_session_send once (counted); a fatal error: keep what is buffered, then close.
    pub fn send(&mut self) {
        if self.st.closing || !self.session.get().want_write() {
            return;
        }
        self.st.send_calls += 1;
        let rv = self.session.send(&mut self.st);
        if self.st.debug {
            eprintln!("[debug] session_send #{} -> {}", self.st.send_calls, rv);
        }
        if rv != 0 {
            eprintln!("h2h-rust-shim: session_send: {}", ffi::strerror(rv));
            self.st.closing = true;
        }
    }

    /// Resumes streams the read callback deferred, if there is room now.
    pub fn resume_deferred(&mut self) {
        if !self.st.deferred || self.st.closing || self.st.out.used() >= OUT_SOFT {
            return;
        }
        self.st.deferred = false;
        let ids: Vec<i32> = self
            .st
            .streams
            .iter_mut()
            .filter_map(|(id, s)| match &mut s.kind {
                Kind::Controlled(c) if c.deferred => {
                    c.deferred = false;
                    Some(*id)
                }
                _ => None,
            })
            .collect();
        for id in ids {
            if ffi::is_fatal(self.session.get().resume_data(id)) {
                self.st.closing = true;
            }
        }
    }

    pub fn wants_read(&mut self) -> bool {
        !self.st.closing && self.session.get().want_read() && self.st.out.used() < OUT_SOFT
    }

    pub fn wants_write(&mut self) -> bool {
        !self.st.closing && self.session.get().want_write()
    }

    /// May be closed now.
    pub fn done(&mut self) -> bool {
        if self.st.out.used() > 0 {
            return false;
        }
        self.st.closing || (!self.session.get().want_read() && !self.session.get().want_write() && !self.st.deferred)
    }
}
