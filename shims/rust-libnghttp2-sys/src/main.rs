//! h2h-rust-shim: the h2harness shim written in Rust over `libnghttp2-sys`, with the same command
//! line and behaviour as the C shim in shims/nghttp2/.
//!
//!     h2h-rust-shim [--port N]      h2c server on 127.0.0.1 (N = 0, the default, picks a port)
//!     h2h-rust-shim client URL      one cooperating client run (the URL's h2h- query parameters)
//!
//! H2H_SHIM_DEBUG=1 traces the callbacks on stderr. H2H_SHIM_FAULT=padding-nonzero plants a fault
//! (the first padding octet of every padded DATA frame is 0x01); only tests set it.

mod body;
mod calllog;
mod client;
mod conn;
mod control;
mod ffi;
mod output;
mod route;
mod server;
mod url;

fn usage() -> i32 {
    eprintln!(
        "usage: h2h-rust-shim [--port N]\n       h2h-rust-shim client URL\n  \
         h2c (prior knowledge) on 127.0.0.1; N = 0 (default) picks a free port"
    );
    2
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let debug = std::env::var_os("H2H_SHIM_DEBUG").is_some();
    let fault = match std::env::var("H2H_SHIM_FAULT") {
        Ok(v) if v == "padding-nonzero" => true,
        Ok(v) => {
            eprintln!("h2h-rust-shim: H2H_SHIM_FAULT: unknown fault \"{}\" (known: padding-nonzero)", v);
            std::process::exit(2);
        }
        Err(_) => false,
    };
    let code = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["client", url] => client::run(url, fault, debug),
        [] => server::run(0, fault, debug),
        ["--port", p] => match p.parse::<u16>() {
            Ok(port) if p.bytes().all(|b| b.is_ascii_digit()) => server::run(port, fault, debug),
            _ => usage(),
        },
        _ => usage(),
    };
    std::process::exit(code);
}
