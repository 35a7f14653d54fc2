//! The client's command-line URL and its h2h- query parameters (the client control parameters):
//! parsed and validated before anything is sent.

use crate::control::Control;

/// A parsed `http://HOST:PORT/path?query` URL.
#[derive(Debug, PartialEq, Eq)]
pub struct Url {
    pub authority: String,
    pub host: String,
    pub port: u16,
    /// Path and query, as sent in `:path`.
    pub path: String,
    pub query: String,
}

pub fn parse_url(url: &str) -> Result<Url, String> {
    let rest = url.strip_prefix("http://").ok_or_else(|| format!("not an http:// URL: {}", url))?;
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let (host, port) = match authority.rfind(':') {
        Some(i) if !authority[i + 1..].contains(']') => (&authority[..i], &authority[i + 1..]),
        _ => (authority, "80"),
    };
    let port: u16 = port.parse().map_err(|_| format!("bad port in URL: {}", url))?;
    if host.is_empty() {
        return Err(format!("no host in URL: {}", url));
    }
    let query = path.find('?').map(|i| path[i + 1..].to_string()).unwrap_or_default();
    Ok(Url {
        authority: authority.to_string(),
        host: host.trim_start_matches('[').trim_end_matches(']').to_string(),
        port,
        path: path.to_string(),
        query,
    })
}

/// RFC 3986 percent-decoding; `+` stays `+` (a scripted integer may carry a sign).
fn percent_decode(s: &str) -> Result<Vec<u8>, String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' => {
                let hex = b.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(v) => out.push(v),
                    None => return Err(format!("bad percent-encoding in query: \"{}\"", s)),
                }
                i += 3;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    Ok(out)
}

/// The control parameters of the query, validated as the server validates the headers.
pub fn control_of(query: &str) -> Result<Control, String> {
    let mut ctl = Control::default();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (name, value) = match pair.find('=') {
            Some(i) => (&pair[..i], &pair[i + 1..]),
            None => (pair, ""),
        };
        ctl.add(&percent_decode(name)?, &percent_decode(value)?);
    }
    ctl.finish();
    match ctl.error.take() {
        Some(e) => Err(e),
        None => Ok(ctl),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_queries() {
        let u = parse_url("http://127.0.0.1:8080/h2h/client/x?h2h-body=10&h2h-pad=max").unwrap();
        assert_eq!(u.host, "127.0.0.1");
        assert_eq!(u.port, 8080);
        assert_eq!(u.authority, "127.0.0.1:8080");
        assert_eq!(u.path, "/h2h/client/x?h2h-body=10&h2h-pad=max");
        let c = control_of(&u.query).unwrap();
        assert_eq!(c.body, Some(10));
        assert_eq!(control_of("h2h-body=1&h2h-send-data=ok%2Cpause").unwrap().script.unwrap().len(), 2);
        assert_eq!(control_of("h2h-bogus=1&h2h-body=1").unwrap_err(), "unknown control header: \"h2h-bogus\"");
        assert!(control_of("h2h-pad=3").is_err());
        assert!(!control_of("").unwrap().any);
        assert!(parse_url("https://x/").is_err());
        assert_eq!(control_of("h2h-body=1&h2h-send-data=%2B0,+0").unwrap().script.unwrap(), vec![crate::control::OK; 2]);
        assert!(control_of("h2h-body=1%2").is_err());
    }
}
