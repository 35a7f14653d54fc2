//! Per-connection log of send-data callback calls, served as JSON by `GET /h2h/log?stream=N`
//! (and uploaded by the client to `/h2h/client-log`). Logs outlive their streams, bounded as in the
//! C shim.

use std::collections::{HashMap, VecDeque};
use std::fmt::Write;

pub const MAX_STREAMS: usize = 10_000;
pub const MAX_PER_STREAM: usize = 200_000;
pub const MAX_TOTAL: usize = 1_000_000;

#[derive(Clone, Copy, Debug)]
pub struct Record {
    /// 1-based nghttp2_session_send() count.
    pub send_call: u64,
    /// Read callback calls that produced a frame for the stream so far.
    pub reads: u64,
    pub data_length: usize,
    pub padlen: usize,
    pub framehd: [u8; 9],
    pub returned: i32,
}

#[derive(Default)]
struct StreamLog {
    stream_id: i32,
    records: Vec<Record>,
    truncated: bool,
}

/// Logs are named by a key handed out by `open`; an evicted log's key simply finds nothing.
#[derive(Default)]
pub struct CallLogs {
    logs: HashMap<u64, StreamLog>,
    order: VecDeque<u64>,
    next_key: u64,
    total: usize,
}

impl CallLogs {
    /// Drops up to `count` oldest logs, never `keep`.
    fn evict(&mut self, count: usize, keep: Option<u64>) {
        let mut kept = VecDeque::new();
        let mut dropped = 0;
        while let Some(k) = self.order.pop_front() {
            if dropped < count && Some(k) != keep {
                if let Some(l) = self.logs.remove(&k) {
                    self.total -= l.records.len();
                }
                dropped += 1;
            } else {
                kept.push_back(k);
                if dropped >= count {
                    break;
                }
            }
        }
        while let Some(k) = kept.pop_back() {
            self.order.push_front(k);
        }
    }

    pub fn open(&mut self, stream_id: i32) -> u64 {
        if self.order.len() >= MAX_STREAMS + MAX_STREAMS / 10 {
            let n = self.order.len() - MAX_STREAMS + 1;
            self.evict(n, None);
        }
        self.next_key += 1;
        let key = self.next_key;
        self.logs.insert(key, StreamLog { stream_id, ..StreamLog::default() });
        self.order.push_back(key);
        key
    }

    pub fn append(&mut self, key: u64, rec: Record) {
        match self.logs.get_mut(&key) {
            None => return,
            Some(l) if l.records.len() >= MAX_PER_STREAM => {
                l.truncated = true;
                return;
            }
            Some(_) => {}
        }
        while self.total >= MAX_TOTAL {
            if self.order.len() <= 1 {
                if let Some(l) = self.logs.get_mut(&key) {
                    l.truncated = true;
                }
                return;
            }
            self.evict(1, Some(key));
        }
        if let Some(l) = self.logs.get_mut(&key) {
            l.records.push(rec);
            self.total += 1;
        }
    }

    /// `{"stream":N,"calls":[...]}` of the newest log of `stream_id` (no calls if none).
    pub fn render(&self, stream_id: i32) -> String {
        let log = self.order.iter().rev().filter_map(|k| self.logs.get(k)).find(|l| l.stream_id == stream_id);
        render(log.map(|l| &l.records[..]).unwrap_or(&[]), stream_id, log.map_or(false, |l| l.truncated))
    }
}

pub fn render(records: &[Record], stream_id: i32, truncated: bool) -> String {
    let mut out = format!("{{\"stream\":{},\"calls\":[", stream_id);
    for (i, r) in records.iter().enumerate() {
        let h = &r.framehd;
        let hex: String = h.iter().map(|b| format!("{:02x}", b)).collect();
        let length = u32::from(h[0]) << 16 | u32::from(h[1]) << 8 | u32::from(h[2]);
        let sid = u32::from_be_bytes([h[5], h[6], h[7], h[8]]) & 0x7fff_ffff;
        let _ = write!(
            out,
            "{}{{\"seq\":{},\"sendCall\":{},\"reads\":{},\"frameHeader\":\"{}\",\"frameLength\":{},\"type\":{},\
             \"flags\":{},\"streamId\":{},\"dataLength\":{},\"padlen\":{},\"returned\":{}}}",
            if i > 0 { "," } else { "" },
            i + 1,
            r.send_call,
            r.reads,
            hex,
            length,
            h[3],
            h[4],
            sid,
            r.data_length,
            r.padlen,
            r.returned
        );
    }
    out.push(']');
    if truncated {
        out.push_str(",\"truncated\":true");
    }
    out.push('}');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_as_the_c_shim() {
        let mut logs = CallLogs::default();
        let k = logs.open(1);
        let framehd = [0, 0, 0x10, 0, 1, 0, 0, 0, 1];
        logs.append(k, Record { send_call: 3, reads: 1, data_length: 16, padlen: 0, framehd, returned: 0 });
        assert_eq!(
            logs.render(1),
            "{\"stream\":1,\"calls\":[{\"seq\":1,\"sendCall\":3,\"reads\":1,\"frameHeader\":\"000010000100000001\",\
             \"frameLength\":16,\"type\":0,\"flags\":1,\"streamId\":1,\"dataLength\":16,\"padlen\":0,\"returned\":0}]}"
        );
        assert_eq!(logs.render(3), "{\"stream\":3,\"calls\":[]}");
    }

    #[test]
    fn old_logs_are_evicted_beyond_the_bound() {
        let mut logs = CallLogs::default();
        for i in 0..(MAX_STREAMS + MAX_STREAMS / 10 + 1) {
            logs.open(i as i32 * 2 + 1);
        }
        assert!(logs.order.len() <= MAX_STREAMS + MAX_STREAMS / 10);
        assert_eq!(logs.order.len(), logs.logs.len());
    }
}
