//! The controlled body, in either role (a server's response, a client's upload): the NO_COPY read
//! decision, the padding choice and the scripted send-data callback (contract §1, §2, §4).
//!
//! To put your own stack behind the control headers, this file is the one to adapt: `send_data`
//! is where a DATA frame becomes octets on the wire.

use crate::calllog::{CallLogs, Record};
use crate::control::{Control, Pad};
use crate::ffi::{self, DataFrame, FrameInfo, Read, SessionRef};
use crate::output::{Output, OUT_SOFT};

const PATTERN_LEN: usize = 251 * 68;

const fn pattern_table() -> [u8; PATTERN_LEN] {
    let mut t = [0u8; PATTERN_LEN];
    let mut i = 0;
    while i < PATTERN_LEN {
        t[i] = (i % 251) as u8;
        i += 1;
    }
    t
}

/// Octet i of every body is i % 251; any run of up to PATTERN_LEN - 250 octets is a slice of this.
static PATTERN: [u8; PATTERN_LEN] = pattern_table();
static ZEROS: [u8; 256] = [0; 256];
/// The planted fault (`--fault padding-nonzero`): the first padding octet is 0x01.
static FAULTY_PADDING: [u8; 256] = {
    let mut z = [0u8; 256];
    z[0] = 1;
    z
};

/// Body octets [offset, offset + len) without copying when the run fits the table.
pub fn pattern(offset: u64, len: usize) -> std::borrow::Cow<'static, [u8]> {
    let start = (offset % 251) as usize;
    if start + len <= PATTERN_LEN {
        std::borrow::Cow::Borrowed(&PATTERN[start..start + len])
    } else {
        std::borrow::Cow::Owned((0..len as u64).map(|i| ((offset + i) % 251) as u8).collect())
    }
}

/// What a connection shares with its controlled streams during one callback.
pub struct Shared<'a> {
    pub out: &'a mut Output,
    pub logs: &'a mut CallLogs,
    pub send_calls: u64,
    pub fault: bool,
    pub debug: bool,
}

pub struct Controlled {
    pub ctl: Control,
    /// Octets handed out by the read callback.
    read_off: u64,
    /// Octets actually written by send_data.
    sent_off: u64,
    /// Read callback calls that produced a frame.
    reads: u64,
    /// Next h2h-send-data entry.
    script_pos: usize,
    /// The read callback deferred for our own backpressure.
    pub deferred: bool,
    log: u64,
}

impl Controlled {
    pub fn new(ctl: Control, logs: &mut CallLogs, stream_id: i32) -> Controlled {
        let log = logs.open(stream_id);
        Controlled { ctl, read_off: 0, sent_off: 0, reads: 0, script_pos: 0, deferred: false, log }
    }

    /// The NO_COPY read: decides the frame's length and flags only.
    pub fn read(&mut self, s: &mut SessionRef, stream_id: i32, max_len: usize, out_used: usize, debug: bool) -> Read {
        // Our own backpressure: producing more would overfill the output. Deferring here (before
        // send_data) keeps send_data free of real WOULDBLOCKs, so the log shows the script only.
        if out_used >= OUT_SOFT {
            self.deferred = true;
            return Read::Error(ffi::ERR_DEFERRED);
        }
        self.reads += 1;
        let body = self.ctl.body_len();
        let mut n = (body - self.read_off).min(max_len as u64);
        if let Some(c) = self.ctl.chunk {
            n = n.min(c);
        }
        self.read_off += n;
        let eof = self.read_off == body;
        let mut no_end_stream = false;
        if eof && self.ctl.trailers() {
            no_end_stream = true;
            let val = body.to_string();
            // As nghttpd does: trailers are submitted from inside the read.
            let rv = s.submit_trailer(stream_id, &[(b"h2h-end", val.as_bytes())]);
            if rv != 0 {
                eprintln!("h2h-rust-shim: submit_trailer: {}", ffi::strerror(rv));
                return Read::Error(if ffi::is_fatal(rv) { ffi::ERR_CALLBACK_FAILURE } else { ffi::ERR_TEMPORAL_CALLBACK_FAILURE });
            }
        }
        if debug {
            eprintln!("[debug] read stream={} maxLength={} -> {} eof={}", stream_id, max_len, n, eof);
        }
        Read::NoCopy { n: n as usize, eof, no_end_stream }
    }

    /// `min(max_payloadlen, length + N)`, or max_payloadlen for `max`; DATA frames only.
    pub fn select_padding(&self, f: &FrameInfo, max_payloadlen: usize) -> usize {
        let v = f.length;
        match self.ctl.pad {
            Some(p) if f.kind == ffi::FRAME_DATA && max_payloadlen > v => match p {
                Pad::Max => max_payloadlen,
                Pad::Octets(n) if n >= (max_payloadlen - v) as u64 => max_payloadlen,
                Pad::Octets(n) => v + n as usize,
            },
            _ => v,
        }
    }

    /// The application half of `nghttp2_send_data_callback`: writes framehd, the Pad Length octet,
    /// the data and the zero padding as one unit, or nothing, as the script says; logs the call and
    /// returns the scripted int.
    pub fn send_data(&mut self, f: &DataFrame, sh: &mut Shared) -> i32 {
        if self.sent_off + f.length as u64 > self.ctl.body_len() {
            return ffi::ERR_CALLBACK_FAILURE; // cannot happen; be loud
        }
        let mut o = self.ctl.outcome(self.script_pos);
        if o.write {
            let padlen = f.padlen;
            let padlen_octet = [padlen.saturating_sub(1) as u8];
            let data = pattern(self.sent_off, f.length);
            let padding = if sh.fault { &FAULTY_PADDING } else { &ZEROS };
            let parts: [&[u8]; 4] = [
                &f.framehd[..],
                if padlen > 0 { &padlen_octet[..] } else { &[] },
                &data,
                &padding[..padlen.saturating_sub(1)],
            ];
            if sh.out.write_unit(&parts) {
                self.script_pos += 1;
                self.sent_off += f.length as u64;
            } else {
                // Real backpressure (should not happen, see read): nothing is written and the
                // script entry is kept for the retry.
                o = crate::control::Outcome { write: false, ret: ffi::ERR_WOULDBLOCK };
            }
        } else {
            self.script_pos += 1;
        }
        if sh.debug {
            eprintln!(
                "[debug] send_data stream={} sendCall={} length={} padlen={} -> {}{}",
                f.stream_id,
                sh.send_calls,
                f.length,
                f.padlen,
                o.ret,
                if o.write { " (written)" } else { "" }
            );
        }
        sh.logs.append(
            self.log,
            Record {
                send_call: sh.send_calls,
                reads: self.reads,
                data_length: f.length,
                padlen: f.padlen,
                framehd: *f.framehd,
                returned: o.ret,
            },
        );
        o.ret
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pattern_is_i_mod_251_at_any_offset() {
        for &(off, len) in &[(0u64, 16384usize), (250, 16384), (1 << 40, 300), (7, 20000)] {
            let p = pattern(off, len);
            assert_eq!(p.len(), len);
            for (i, b) in p.iter().enumerate() {
                assert_eq!(*b as u64, (off + i as u64) % 251);
            }
        }
    }
}
