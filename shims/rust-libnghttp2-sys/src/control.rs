//! The h2h-* control headers (contract §4), also used as the client's query parameters. Pure
//! parsing: no nghttp2, no I/O. Every error names the header and quotes the value, with the same
//! words as the C shim, because the harness shows it to a human and compares the two.

use crate::ffi;

pub const BODY_MAX: u64 = 1 << 40;
const QUOTE_MAX: usize = 64;

/// One scripted outcome of the send-data callback.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// Write the whole frame before returning.
    pub write: bool,
    /// The value returned to nghttp2.
    pub ret: i32,
}

pub const OK: Outcome = Outcome { write: true, ret: 0 };

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pad {
    Max,
    /// Saturates at u64::MAX.
    Octets(u64),
}

#[derive(Default, Debug)]
pub struct Control {
    /// At least one h2h- header was seen.
    pub any: bool,
    pub body: Option<u64>,
    pub chunk: Option<u64>,
    pub pad: Option<Pad>,
    pub script: Option<Vec<Outcome>>,
    pub trailers: Option<bool>,
    /// The first error, if any.
    pub error: Option<String>,
}

/// At most 64 octets, non-printables and `"` replaced, so a hostile value cannot inject control
/// characters into the 400 body.
fn quote(s: &[u8]) -> String {
    let mut q: String =
        s.iter().take(QUOTE_MAX).map(|&c| if (0x20..0x7f).contains(&c) && c != b'"' { c as char } else { '?' }).collect();
    if s.len() > QUOTE_MAX {
        q.push_str("...");
    }
    q
}

/// Strict decimal: digits only, no sign, no spaces. With `saturate`, overflow gives u64::MAX.
pub fn parse_u64(s: &[u8], saturate: bool) -> Option<u64> {
    if s.is_empty() || !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut v: u64 = 0;
    for &c in s {
        match v.checked_mul(10).and_then(|x| x.checked_add(u64::from(c - b'0'))) {
            Some(x) => v = x,
            None if saturate => return Some(u64::MAX),
            None => return None,
        }
    }
    Some(v)
}

fn parse_int(s: &[u8]) -> Option<i32> {
    let (neg, digits) = match s.first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let v = parse_u64(digits, false)?;
    if neg {
        if v > i32::MAX as u64 + 1 {
            return None;
        }
        Some((-(v as i64)) as i32)
    } else if v > i32::MAX as u64 {
        None
    } else {
        Some(v as i32)
    }
}

fn parse_item(s: &[u8]) -> Option<Outcome> {
    Some(match s {
        b"ok" => OK,
        b"wouldblock" => Outcome { write: false, ret: ffi::ERR_WOULDBLOCK },
        b"pause" => Outcome { write: true, ret: ffi::ERR_PAUSE },
        b"temporal-failure" => Outcome { write: false, ret: ffi::ERR_TEMPORAL_CALLBACK_FAILURE },
        b"callback-failure" => Outcome { write: false, ret: ffi::ERR_CALLBACK_FAILURE },
        // A bare integer writes nothing, except 0 which means "sent".
        _ => {
            let v = parse_int(s)?;
            Outcome { write: v == 0, ret: v }
        }
    })
}

fn trim(mut s: &[u8]) -> &[u8] {
    while let Some((c, rest)) = s.split_first() {
        if *c != b' ' && *c != b'\t' {
            break;
        }
        s = rest;
    }
    while let Some((c, rest)) = s.split_last() {
        if *c != b' ' && *c != b'\t' {
            break;
        }
        s = rest;
    }
    s
}

impl Control {
    fn fail(&mut self, msg: String) {
        if self.error.is_none() {
            self.error = Some(msg);
        }
    }

    /// Feeds one header (or query parameter). Names not starting with "h2h-" are ignored.
    pub fn add(&mut self, name: &[u8], value: &[u8]) {
        if !name.starts_with(b"h2h-") {
            return;
        }
        self.any = true;
        let q = quote(value);
        macro_rules! once {
            ($field:expr, $hname:expr) => {
                if $field.is_some() {
                    self.fail(format!("{}: given more than once", $hname));
                    return;
                }
            };
        }
        match name {
            b"h2h-body" => {
                once!(self.body, "h2h-body");
                self.body = Some(0);
                match parse_u64(value, false) {
                    None => self.fail(format!("h2h-body: not a non-negative integer: \"{}\"", q)),
                    Some(v) if v > BODY_MAX => self.fail(format!("h2h-body: larger than 2^40: \"{}\"", q)),
                    Some(v) => self.body = Some(v),
                }
            }
            b"h2h-chunk" => {
                once!(self.chunk, "h2h-chunk");
                self.chunk = Some(1);
                match parse_u64(value, true) {
                    Some(v) if v > 0 => self.chunk = Some(v),
                    _ => self.fail(format!("h2h-chunk: not a positive integer: \"{}\"", q)),
                }
            }
            b"h2h-pad" => {
                once!(self.pad, "h2h-pad");
                self.pad = Some(Pad::Octets(0));
                if value == b"max" {
                    self.pad = Some(Pad::Max);
                } else {
                    match parse_u64(value, true) {
                        Some(v) => self.pad = Some(Pad::Octets(v)),
                        None => self.fail(format!("h2h-pad: not a non-negative integer or \"max\": \"{}\"", q)),
                    }
                }
            }
            b"h2h-send-data" => {
                once!(self.script, "h2h-send-data");
                let mut script = Vec::new();
                for item in value.split(|&c| c == b',') {
                    let item = trim(item);
                    match parse_item(item) {
                        Some(o) => script.push(o),
                        None => {
                            self.fail(format!(
                                "h2h-send-data: item {} is not ok, wouldblock, pause, temporal-failure, \
                                 callback-failure or an integer: \"{}\"",
                                script.len() + 1,
                                quote(item)
                            ));
                            break;
                        }
                    }
                }
                self.script = Some(script);
            }
            b"h2h-trailers" => {
                once!(self.trailers, "h2h-trailers");
                self.trailers = Some(false);
                match value {
                    b"yes" => self.trailers = Some(true),
                    b"no" => {}
                    _ => self.fail(format!("h2h-trailers: not \"yes\" or \"no\": \"{}\"", q)),
                }
            }
            _ => self.fail(format!("unknown control header: \"{}\"", quote(name))),
        }
    }

    /// The cross-header rules, after the last header.
    pub fn finish(&mut self) {
        if self.any && self.body.is_none() {
            self.fail("h2h-body: missing (required when any h2h- header is sent)".to_string());
        }
    }

    pub fn body_len(&self) -> u64 {
        self.body.unwrap_or(0)
    }

    pub fn trailers(&self) -> bool {
        self.trailers == Some(true)
    }

    /// The script entry for the `pos`-th call (0-based): ok after the list.
    pub fn outcome(&self, pos: usize) -> Outcome {
        self.script.as_ref().and_then(|s| s.get(pos).copied()).unwrap_or(OK)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctl(headers: &[(&str, &str)]) -> Control {
        let mut c = Control::default();
        for (n, v) in headers {
            c.add(n.as_bytes(), v.as_bytes());
        }
        c.finish();
        c
    }

    #[test]
    fn errors_read_as_the_c_shims() {
        assert_eq!(ctl(&[("h2h-body", "abc")]).error.unwrap(), "h2h-body: not a non-negative integer: \"abc\"");
        assert_eq!(ctl(&[("h2h-foo", "1"), ("h2h-body", "1")]).error.unwrap(), "unknown control header: \"h2h-foo\"");
        assert_eq!(ctl(&[("h2h-pad", "1")]).error.unwrap(), "h2h-body: missing (required when any h2h- header is sent)");
        assert_eq!(ctl(&[("h2h-body", "1"), ("h2h-body", "2")]).error.unwrap(), "h2h-body: given more than once");
        assert_eq!(
            ctl(&[("h2h-body", "1"), ("h2h-send-data", "ok, maybe")]).error.unwrap(),
            "h2h-send-data: item 2 is not ok, wouldblock, pause, temporal-failure, callback-failure or an integer: \"maybe\""
        );
        assert_eq!(ctl(&[("h2h-body", "1099511627777")]).error.unwrap(), "h2h-body: larger than 2^40: \"1099511627777\"");
        assert_eq!(ctl(&[("h2h-body", "1"), ("h2h-chunk", "0")]).error.unwrap(), "h2h-chunk: not a positive integer: \"0\"");
    }

    #[test]
    fn script_items() {
        let c = ctl(&[("h2h-body", "5"), ("h2h-send-data", " wouldblock ,pause,-526,0,7")]);
        assert_eq!(c.error, None);
        let s = c.script.unwrap();
        assert_eq!(s[0], Outcome { write: false, ret: -504 });
        assert_eq!(s[1], Outcome { write: true, ret: -526 });
        assert_eq!(s[2], Outcome { write: false, ret: -526 });
        assert_eq!(s[3], Outcome { write: true, ret: 0 });
        assert_eq!(s[4], Outcome { write: false, ret: 7 });
        assert_eq!(ctl(&[("h2h-body", "1"), ("h2h-send-data", "-2147483649")]).error.is_some(), true);
        assert_eq!(ctl(&[("h2h-body", "1"), ("h2h-pad", "99999999999999999999999")]).pad, Some(Pad::Octets(u64::MAX)));
    }

    #[test]
    fn long_values_are_cut_and_quotes_replaced() {
        let long = "9".repeat(70) + "x";
        let e = ctl(&[("h2h-body", &long)]).error.unwrap();
        assert_eq!(e, format!("h2h-body: not a non-negative integer: \"{}...\"", "9".repeat(64)));
        assert_eq!(ctl(&[("h2h-body", "a\"b")]).error.unwrap(), "h2h-body: not a non-negative integer: \"a?b\"");
    }
}
