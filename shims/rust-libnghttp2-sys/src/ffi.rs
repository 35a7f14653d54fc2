//! The only module with `unsafe` code: libnghttp2 through `libnghttp2_sys`, and the few libc
//! calls std does not offer (poll, sigaction, write from a signal handler).
//!
//! Everything above this module is safe Rust: a connection implements [`Handler`] and this module
//! turns nghttp2's C callbacks into calls of its methods. The send-data callback, the one this
//! project is about, is [`send_data_cb`]; the application's half is `Handler::send_data`.

use libnghttp2_sys as ng;
use std::os::raw::{c_int, c_void};
use std::sync::atomic::{AtomicI32, Ordering};

pub const ERR_WOULDBLOCK: i32 = ng::NGHTTP2_ERR_WOULDBLOCK;
pub const ERR_PAUSE: i32 = ng::NGHTTP2_ERR_PAUSE;
pub const ERR_DEFERRED: i32 = ng::NGHTTP2_ERR_DEFERRED;
pub const ERR_TEMPORAL_CALLBACK_FAILURE: i32 = ng::NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE;
pub const ERR_CALLBACK_FAILURE: i32 = ng::NGHTTP2_ERR_CALLBACK_FAILURE;
pub const FRAME_DATA: u8 = ng::NGHTTP2_DATA as u8;
pub const FRAME_HEADERS: u8 = ng::NGHTTP2_HEADERS as u8;
pub const FLAG_END_STREAM: u8 = ng::NGHTTP2_FLAG_END_STREAM as u8;
pub const INTERNAL_ERROR: u32 = ng::NGHTTP2_INTERNAL_ERROR as u32;
pub const NO_ERROR: u32 = ng::NGHTTP2_NO_ERROR as u32;

/// The category of a HEADERS frame, as nghttp2 reports it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum HeadersCat {
    Request,
    Response,
    Other,
}

/// The fields of a received or outgoing frame that the handlers look at.
#[derive(Clone, Copy, Debug)]
pub struct FrameInfo {
    pub kind: u8,
    pub flags: u8,
    pub stream_id: i32,
    pub length: usize,
    pub cat: HeadersCat,
}

/// One NO_COPY DATA frame handed to the send-data callback.
#[derive(Clone, Copy, Debug)]
pub struct DataFrame<'a> {
    pub stream_id: i32,
    pub framehd: &'a [u8; 9],
    /// Body octets in the frame (no padding).
    pub length: usize,
    /// `frame->data.padlen`: 0, or the padding length including the Pad Length octet.
    pub padlen: usize,
}

/// What the read callback decided for one call.
pub enum Read {
    /// `n` octets copied into the buffer (small, fully built bodies: log JSON, 400 text).
    Copied { n: usize, eof: bool },
    /// NO_COPY: `n` octets will be written by the send-data callback.
    NoCopy { n: usize, eof: bool, no_end_stream: bool },
    /// NGHTTP2_ERR_DEFERRED (own backpressure) or another error code.
    Error(i32),
}

/// Which read callback body a submitted request or response gets.
pub enum Body {
    None,
    Provider,
}

/// The application side of a session. Every method runs inside an nghttp2 callback.
pub trait Handler {
    /// nghttp2's send callback: take up to `data.len()` octets; return how many, or ERR_WOULDBLOCK.
    fn send(&mut self, data: &[u8]) -> isize;
    fn begin_headers(&mut self, _f: &FrameInfo) -> i32 {
        0
    }
    fn header(&mut self, _f: &FrameInfo, _name: &[u8], _value: &[u8]) -> i32 {
        0
    }
    fn frame_recv(&mut self, _s: &mut SessionRef, _f: &FrameInfo) -> i32 {
        0
    }
    fn stream_close(&mut self, _stream_id: i32, _error_code: u32) -> i32 {
        0
    }
    fn read(&mut self, s: &mut SessionRef, stream_id: i32, buf: &mut [u8]) -> Read;
    fn select_padding(&mut self, f: &FrameInfo, max_payloadlen: usize) -> isize;
    /// Writes the frame (or not) and returns the int the C callback returns.
    fn send_data(&mut self, f: &DataFrame) -> i32;
}

/// A borrowed session, valid for the duration of one callback or of one [`Session`] call. Only
/// functions nghttp2 allows from inside callbacks are offered (they queue frames, never call back).
pub struct SessionRef {
    raw: *mut ng::nghttp2_session,
}

fn nv_array(fields: &[(&[u8], &[u8])]) -> Vec<ng::nghttp2_nv> {
    fields
        .iter()
        .map(|(n, v)| ng::nghttp2_nv {
            // nghttp2 only reads these (it copies the array on submit unless NO_COPY_* flags are
            // set, which they are not), so the const-to-mut cast never leads to a write.
            name: n.as_ptr() as *mut u8,
            value: v.as_ptr() as *mut u8,
            namelen: n.len(),
            valuelen: v.len(),
            flags: ng::NGHTTP2_NV_FLAG_NONE as u8,
        })
        .collect()
}

impl SessionRef {
    fn provider<H: Handler>() -> ng::nghttp2_data_provider {
        ng::nghttp2_data_provider {
            source: ng::nghttp2_data_source { ptr: std::ptr::null_mut() },
            read_callback: Some(read_cb::<H>),
        }
    }

    /// nghttp2_submit_response; `H` is the handler type whose `read` produces the body.
    pub fn submit_response<H: Handler>(&mut self, stream_id: i32, fields: &[(&[u8], &[u8])], body: Body) -> i32 {
        let nva = nv_array(fields);
        let prd = Self::provider::<H>();
        let prd_ptr = match body {
            Body::None => std::ptr::null(),
            Body::Provider => &prd as *const ng::nghttp2_data_provider,
        };
        // SAFETY: `raw` is a live session (SessionRef exists only inside a Session call or a
        // callback of it); nva and prd outlive the call and nghttp2 copies both.
        unsafe { ng::nghttp2_submit_response(self.raw, stream_id, nva.as_ptr(), nva.len(), prd_ptr) }
    }

    /// nghttp2_submit_request; returns the stream id or a negative error code.
    pub fn submit_request<H: Handler>(&mut self, fields: &[(&[u8], &[u8])], body: Body) -> i32 {
        let nva = nv_array(fields);
        let prd = Self::provider::<H>();
        let prd_ptr = match body {
            Body::None => std::ptr::null(),
            Body::Provider => &prd as *const ng::nghttp2_data_provider,
        };
        // SAFETY: as in submit_response; a null priority spec means the default.
        unsafe { ng::nghttp2_submit_request(self.raw, std::ptr::null(), nva.as_ptr(), nva.len(), prd_ptr, std::ptr::null_mut()) }
    }

    pub fn submit_trailer(&mut self, stream_id: i32, fields: &[(&[u8], &[u8])]) -> i32 {
        let nva = nv_array(fields);
        // SAFETY: live session; nva outlives the call and is copied.
        unsafe { ng::nghttp2_submit_trailer(self.raw, stream_id, nva.as_ptr(), nva.len()) }
    }

    pub fn submit_rst_stream(&mut self, stream_id: i32, error_code: u32) -> i32 {
        // SAFETY: live session; plain values only.
        unsafe { ng::nghttp2_submit_rst_stream(self.raw, ng::NGHTTP2_FLAG_NONE as u8, stream_id, error_code) }
    }

    /// SETTINGS with exactly one entry, MAX_CONCURRENT_STREAMS = 100 (as the reference server).
    pub fn submit_settings(&mut self) -> i32 {
        let iv = ng::nghttp2_settings_entry {
            settings_id: ng::NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS as i32,
            value: 100,
        };
        // SAFETY: live session; iv outlives the call and is copied.
        unsafe { ng::nghttp2_submit_settings(self.raw, ng::NGHTTP2_FLAG_NONE as u8, &iv, 1) }
    }

    pub fn submit_goaway(&mut self, error_code: u32) -> i32 {
        // SAFETY: live session; the last stream id is the one nghttp2 tracks; no opaque data.
        unsafe {
            let last = ng::nghttp2_session_get_last_proc_stream_id(self.raw);
            ng::nghttp2_submit_goaway(self.raw, ng::NGHTTP2_FLAG_NONE as u8, last, error_code, std::ptr::null(), 0)
        }
    }

    pub fn resume_data(&mut self, stream_id: i32) -> i32 {
        // SAFETY: live session; a stream that is gone gives an error code, not UB.
        unsafe { ng::nghttp2_session_resume_data(self.raw, stream_id) }
    }

    pub fn want_read(&self) -> bool {
        // SAFETY: live session; read-only query.
        unsafe { ng::nghttp2_session_want_read(self.raw) != 0 }
    }

    pub fn want_write(&self) -> bool {
        // SAFETY: live session; read-only query.
        unsafe { ng::nghttp2_session_want_write(self.raw) != 0 }
    }
}

/// An owned nghttp2 session (server or client). The handler is lent to each call that can run
/// callbacks, so callbacks see it as the only `&mut` while nghttp2 runs.
pub struct Session {
    r: SessionRef,
}

impl Session {
    pub fn server<H: Handler>() -> Option<Session> {
        Self::new::<H>(true)
    }

    pub fn client<H: Handler>() -> Option<Session> {
        Self::new::<H>(false)
    }

    fn new<H: Handler>(server: bool) -> Option<Session> {
        let mut cbs: *mut ng::nghttp2_session_callbacks = std::ptr::null_mut();
        let mut raw: *mut ng::nghttp2_session = std::ptr::null_mut();
        // SAFETY: callbacks_new writes a fresh object into `cbs` (checked below); every setter
        // receives that object and a function with exactly the C signature; callbacks_del frees it
        // after session_*_new copied it. user_data starts null: callbacks treat null as failure,
        // and every call that can run a callback sets it first (see `with`).
        unsafe {
            if ng::nghttp2_session_callbacks_new(&mut cbs) != 0 {
                return None;
            }
            ng::nghttp2_session_callbacks_set_send_callback(cbs, Some(send_cb::<H>));
            ng::nghttp2_session_callbacks_set_on_begin_headers_callback(cbs, Some(begin_headers_cb::<H>));
            ng::nghttp2_session_callbacks_set_on_header_callback(cbs, Some(header_cb::<H>));
            ng::nghttp2_session_callbacks_set_on_frame_recv_callback(cbs, Some(frame_recv_cb::<H>));
            ng::nghttp2_session_callbacks_set_on_stream_close_callback(cbs, Some(stream_close_cb::<H>));
            ng::nghttp2_session_callbacks_set_select_padding_callback(cbs, Some(select_padding_cb::<H>));
            ng::nghttp2_session_callbacks_set_send_data_callback(cbs, Some(send_data_cb::<H>));
            let rv = if server {
                ng::nghttp2_session_server_new(&mut raw, cbs, std::ptr::null_mut())
            } else {
                ng::nghttp2_session_client_new(&mut raw, cbs, std::ptr::null_mut())
            };
            ng::nghttp2_session_callbacks_del(cbs);
            if rv != 0 || raw.is_null() {
                return None;
            }
        }
        Some(Session { r: SessionRef { raw } })
    }

    /// Submits and queries that run no callback.
    pub fn get(&mut self) -> &mut SessionRef {
        &mut self.r
    }

    fn with<H: Handler, T>(&mut self, h: &mut H, f: impl FnOnce(*mut ng::nghttp2_session) -> T) -> T {
        // SAFETY: the session is live. user_data points at `h` only for the duration of `f`, during
        // which the caller's `&mut H` is not used (it was moved into this call), and is reset to
        // null afterwards, so no callback can see a dangling or aliased handler.
        unsafe {
            ng::nghttp2_session_set_user_data(self.r.raw, h as *mut H as *mut c_void);
            let out = f(self.r.raw);
            ng::nghttp2_session_set_user_data(self.r.raw, std::ptr::null_mut());
            out
        }
    }

    /// nghttp2_session_send: runs send, select-padding, read and send-data callbacks.
    pub fn send<H: Handler>(&mut self, h: &mut H) -> i32 {
        // SAFETY: live session (see `with`).
        self.with(h, |raw| unsafe { ng::nghttp2_session_send(raw) })
    }

    /// nghttp2_session_mem_recv: runs the receiving callbacks.
    pub fn mem_recv<H: Handler>(&mut self, h: &mut H, data: &[u8]) -> isize {
        // SAFETY: live session; `data` is valid for its length during the call.
        self.with(h, |raw| unsafe { ng::nghttp2_session_mem_recv(raw, data.as_ptr(), data.len()) })
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // SAFETY: `raw` came from session_*_new and is freed exactly once, here.
        unsafe { ng::nghttp2_session_del(self.r.raw) }
    }
}

/// nghttp2_strerror as an owned string.
pub fn strerror(code: i32) -> String {
    // SAFETY: nghttp2_strerror returns a pointer to a static NUL-terminated string for any code.
    unsafe { std::ffi::CStr::from_ptr(ng::nghttp2_strerror(code)).to_string_lossy().into_owned() }
}

pub fn is_fatal(code: i32) -> bool {
    // SAFETY: a pure function of its argument.
    unsafe { ng::nghttp2_is_fatal(code) != 0 }
}

// ---- the C callbacks ----------------------------------------------------------------------------

/// The handler behind user_data, or None outside a `Session::with` call.
///
/// SAFETY (for callers): only call with the user_data nghttp2 passes to a callback; `with` made it
/// point at a live, otherwise unused `H`, so the returned `&mut` is the only reference to it.
unsafe fn handler<'a, H: Handler>(user_data: *mut c_void) -> Option<&'a mut H> {
    (user_data as *mut H).as_mut()
}

/// SAFETY (for callers): `frame` is the non-null frame pointer nghttp2 passes to a callback; every
/// union member starts with `hd`, and `headers.cat` is only read for a HEADERS frame.
unsafe fn frame_info(frame: *const ng::nghttp2_frame) -> FrameInfo {
    let hd = (*frame).hd;
    let cat = if hd.type_ == FRAME_HEADERS {
        match (*frame).headers.cat {
            ng::NGHTTP2_HCAT_REQUEST => HeadersCat::Request,
            ng::NGHTTP2_HCAT_RESPONSE => HeadersCat::Response,
            _ => HeadersCat::Other,
        }
    } else {
        HeadersCat::Other
    };
    FrameInfo { kind: hd.type_, flags: hd.flags, stream_id: hd.stream_id, length: hd.length, cat }
}

unsafe extern "C" fn send_cb<H: Handler>(
    _session: *mut ng::nghttp2_session,
    data: *const u8,
    length: usize,
    _flags: c_int,
    user_data: *mut c_void,
) -> isize {
    // SAFETY: user_data as in `handler`; nghttp2 guarantees `data` is valid for `length` octets.
    match handler::<H>(user_data) {
        Some(h) => h.send(std::slice::from_raw_parts(data, length)),
        None => ERR_CALLBACK_FAILURE as isize,
    }
}

unsafe extern "C" fn begin_headers_cb<H: Handler>(
    _session: *mut ng::nghttp2_session,
    frame: *const ng::nghttp2_frame,
    user_data: *mut c_void,
) -> c_int {
    // SAFETY: user_data and frame as in `handler` and `frame_info`.
    match handler::<H>(user_data) {
        Some(h) => h.begin_headers(&frame_info(frame)),
        None => ERR_CALLBACK_FAILURE,
    }
}

unsafe extern "C" fn header_cb<H: Handler>(
    _session: *mut ng::nghttp2_session,
    frame: *const ng::nghttp2_frame,
    name: *const u8,
    namelen: usize,
    value: *const u8,
    valuelen: usize,
    _flags: u8,
    user_data: *mut c_void,
) -> c_int {
    // SAFETY: user_data and frame as above; nghttp2 guarantees name/value are valid for their
    // lengths during the callback.
    match handler::<H>(user_data) {
        Some(h) => h.header(
            &frame_info(frame),
            std::slice::from_raw_parts(name, namelen),
            std::slice::from_raw_parts(value, valuelen),
        ),
        None => ERR_CALLBACK_FAILURE,
    }
}

unsafe extern "C" fn frame_recv_cb<H: Handler>(
    session: *mut ng::nghttp2_session,
    frame: *const ng::nghttp2_frame,
    user_data: *mut c_void,
) -> c_int {
    // SAFETY: as above; `session` is the live session running this callback, and SessionRef
    // offers only functions nghttp2 allows from inside callbacks.
    match handler::<H>(user_data) {
        Some(h) => h.frame_recv(&mut SessionRef { raw: session }, &frame_info(frame)),
        None => ERR_CALLBACK_FAILURE,
    }
}

unsafe extern "C" fn stream_close_cb<H: Handler>(
    _session: *mut ng::nghttp2_session,
    stream_id: i32,
    error_code: u32,
    user_data: *mut c_void,
) -> c_int {
    // SAFETY: user_data as in `handler`.
    match handler::<H>(user_data) {
        Some(h) => h.stream_close(stream_id, error_code),
        None => ERR_CALLBACK_FAILURE,
    }
}

unsafe extern "C" fn read_cb<H: Handler>(
    session: *mut ng::nghttp2_session,
    stream_id: i32,
    buf: *mut u8,
    length: usize,
    data_flags: *mut u32,
    _source: *mut ng::nghttp2_data_source,
    user_data: *mut c_void,
) -> isize {
    // SAFETY: user_data as in `handler`; nghttp2 passes a writable `buf` of `length` octets and a
    // valid `data_flags`; `session` is the live session running this callback.
    let h = match handler::<H>(user_data) {
        Some(h) => h,
        None => return ERR_CALLBACK_FAILURE as isize,
    };
    let out = std::slice::from_raw_parts_mut(buf, length);
    match h.read(&mut SessionRef { raw: session }, stream_id, out) {
        Read::Copied { n, eof } => {
            if eof {
                *data_flags |= ng::NGHTTP2_DATA_FLAG_EOF;
            }
            n as isize
        }
        Read::NoCopy { n, eof, no_end_stream } => {
            // The frame's octets are written by send_data_cb, not copied into `buf`.
            *data_flags |= ng::NGHTTP2_DATA_FLAG_NO_COPY;
            if eof {
                *data_flags |= ng::NGHTTP2_DATA_FLAG_EOF;
            }
            if no_end_stream {
                *data_flags |= ng::NGHTTP2_DATA_FLAG_NO_END_STREAM;
            }
            n as isize
        }
        Read::Error(code) => code as isize,
    }
}

unsafe extern "C" fn select_padding_cb<H: Handler>(
    _session: *mut ng::nghttp2_session,
    frame: *const ng::nghttp2_frame,
    max_payloadlen: usize,
    user_data: *mut c_void,
) -> isize {
    // SAFETY: user_data and frame as in `handler` and `frame_info`.
    match handler::<H>(user_data) {
        Some(h) => h.select_padding(&frame_info(frame), max_payloadlen),
        None => ERR_CALLBACK_FAILURE as isize,
    }
}

/// `nghttp2_send_data_callback`: nghttp2 calls it for every DATA frame whose read set
/// NGHTTP2_DATA_FLAG_NO_COPY. The handler writes framehd, the Pad Length octet, the data and the
/// zero padding as one unit (or nothing) and returns 0, WOULDBLOCK, PAUSE,
/// TEMPORAL_CALLBACK_FAILURE, CALLBACK_FAILURE or a scripted integer, which goes back unchanged.
unsafe extern "C" fn send_data_cb<H: Handler>(
    _session: *mut ng::nghttp2_session,
    frame: *mut ng::nghttp2_frame,
    framehd: *const u8,
    length: usize,
    _source: *mut ng::nghttp2_data_source,
    user_data: *mut c_void,
) -> c_int {
    // SAFETY: user_data as in `handler`; nghttp2 passes a DATA frame (so `data.padlen` is the
    // member to read) and `framehd` pointing at the 9 serialised header octets.
    let h = match handler::<H>(user_data) {
        Some(h) => h,
        None => return ERR_CALLBACK_FAILURE,
    };
    let hd = &*(framehd as *const [u8; 9]);
    let f = DataFrame { stream_id: (*frame).hd.stream_id, framehd: hd, length, padlen: (*frame).data.padlen };
    h.send_data(&f)
}

// ---- libc: poll and signals ---------------------------------------------------------------------

/// poll(2) over `fds` (entries with fd -1 are ignored by the kernel).
pub fn poll(fds: &mut [libc::pollfd], timeout_ms: i32) -> std::io::Result<usize> {
    // SAFETY: `fds` is a valid, exclusively borrowed array of `fds.len()` pollfd structs.
    let n = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, timeout_ms) };
    if n < 0 {
        Err(std::io::Error::last_os_error())
    } else {
        Ok(n as usize)
    }
}

static SIGNAL_FD: AtomicI32 = AtomicI32::new(-1);

extern "C" fn on_signal(sig: c_int) {
    let fd = SIGNAL_FD.load(Ordering::Relaxed);
    let b = sig as u8;
    // SAFETY: write(2) is async-signal-safe; `b` lives on this stack frame; a full pipe or a
    // closed fd only makes write fail, which is fine (the loop is already woken or gone).
    unsafe {
        let saved = *libc::__errno_location();
        libc::write(fd, &b as *const u8 as *const c_void, 1);
        *libc::__errno_location() = saved;
    }
}

/// SIGTERM and SIGINT write one octet to `wake_fd` (a self-pipe the loop polls); SIGPIPE is ignored.
pub fn install_signals(wake_fd: i32) -> std::io::Result<()> {
    SIGNAL_FD.store(wake_fd, Ordering::Relaxed);
    // SAFETY: a zeroed sigaction is a valid "no flags, empty mask" value; the handler is an
    // extern "C" fn(c_int) that only does async-signal-safe work.
    unsafe {
        let mut sa: libc::sigaction = std::mem::zeroed();
        sa.sa_sigaction = on_signal as extern "C" fn(c_int) as usize;
        libc::sigemptyset(&mut sa.sa_mask);
        if libc::sigaction(libc::SIGTERM, &sa, std::ptr::null_mut()) != 0
            || libc::sigaction(libc::SIGINT, &sa, std::ptr::null_mut()) != 0
        {
            return Err(std::io::Error::last_os_error());
        }
        libc::signal(libc::SIGPIPE, libc::SIG_IGN);
    }
    Ok(())
}
