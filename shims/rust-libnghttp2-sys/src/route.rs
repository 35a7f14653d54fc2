//! Request routing: control headers first (any path), then /h2h/log, then the index page, else
//! 404. Every response carries h2h-version: 1.

use crate::body::Controlled;
use crate::conn::{Kind, State};
use crate::control::parse_u64;
use crate::ffi::{self, Body, SessionRef};

const INDEX_HTML: &str = "<!DOCTYPE html>\n<html><head><title>h2harness libnghttp2-sys shim (Rust)</title>\
</head>\n<body><p>This is the h2harness Rust shim over libnghttp2-sys (h2c, prior knowledge). Send h2h-* control \
headers to drive it; see shims/README.md.</p></body></html>\n";

/// A non-fatal submit failure (stream already going away) resets the stream instead of killing the
/// connection. The response to HEAD carries no content (RFC 9110 §9.3.2).
fn submit(st: &State, s: &mut SessionRef, stream_id: i32, fields: &[(&[u8], &[u8])]) -> i32 {
    let head = st.streams.get(&stream_id).map_or(false, |x| x.is_head);
    let rv = s.submit_response::<State>(stream_id, fields, if head { Body::None } else { Body::Provider });
    if rv != 0 && !ffi::is_fatal(rv) {
        eprintln!("h2h-rust-shim: stream {}: submit_response: {}", stream_id, ffi::strerror(rv));
        let rv = s.submit_rst_stream(stream_id, ffi::INTERNAL_ERROR);
        return if ffi::is_fatal(rv) { rv } else { 0 };
    }
    rv
}

fn respond_static(st: &mut State, s: &mut SessionRef, id: i32, status: &str, ctype: &str, body: Vec<u8>) -> i32 {
    let clen = body.len().to_string();
    if let Some(stream) = st.streams.get_mut(&id) {
        stream.kind = Kind::Static(body, 0);
    }
    submit(
        st,
        s,
        id,
        &[
            (b":status", status.as_bytes()),
            (b"content-type", ctype.as_bytes()),
            (b"content-length", clen.as_bytes()),
            (b"h2h-version", b"1"),
        ],
    )
}

fn respond_error(st: &mut State, s: &mut SessionRef, id: i32, msg: &str) -> i32 {
    respond_static(st, s, id, "400", "text/plain", format!("{}\n", msg).into_bytes())
}

/// `query` is what follows "/h2h/log": it must be "?stream=N".
fn respond_log(st: &mut State, s: &mut SessionRef, id: i32, query: &[u8]) -> i32 {
    let n = if query.starts_with(b"?stream=") { parse_u64(&query[8..], false) } else { None };
    match n {
        Some(n) if n >= 1 && n <= i32::MAX as u64 => {
            let json = st.logs.render(n as i32).into_bytes();
            respond_static(st, s, id, "200", "application/json", json)
        }
        _ => respond_error(st, s, id, "/h2h/log: expected ?stream=N with N a stream id (1..2^31-1)"),
    }
}

pub fn respond(st: &mut State, s: &mut SessionRef, id: i32) -> i32 {
    let (path, ctl, host_differs) = match st.streams.get_mut(&id) {
        Some(stream) => {
            stream.responded = true;
            stream.ctl.finish();
            let host_differs = match (&stream.authority, &stream.host) {
                (Some(a), Some(h)) => !a.eq_ignore_ascii_case(h),
                _ => false,
            };
            (stream.path.clone().unwrap_or_default(), std::mem::take(&mut stream.ctl), host_differs)
        }
        None => return 0,
    };
    if ctl.any {
        if let Some(e) = &ctl.error {
            return respond_error(st, s, id, e);
        }
        let clen = ctl.body_len().to_string();
        let c = Controlled::new(ctl, &mut st.logs, id);
        if let Some(stream) = st.streams.get_mut(&id) {
            stream.kind = Kind::Controlled(c);
        }
        return submit(
            st,
            s,
            id,
            &[
                (b":status", b"200"),
                (b"content-type", b"application/octet-stream"),
                (b"content-length", clen.as_bytes()),
                (b"h2h-version", b"1"),
            ],
        );
    }
    // RFC 9113 §8.3.1: a host naming another entity than :authority SHOULD make the request malformed.
    if host_differs {
        return respond_error(st, s, id, "host differs from :authority");
    }
    if path.starts_with(b"/h2h/log") && (path.len() == 8 || path[8] == b'?') {
        return respond_log(st, s, id, &path[8..]);
    }
    if path.first() == Some(&b'/') && (path.len() == 1 || path[1] == b'?') {
        return respond_static(st, s, id, "200", "text/html", INDEX_HTML.as_bytes().to_vec());
    }
    respond_static(st, s, id, "404", "text/plain", b"not found (h2harness libnghttp2-sys shim, Rust)\n".to_vec())
}
