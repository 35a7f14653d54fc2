// The Go server of the interop matrix: net/http's file server over h2c with prior knowledge
// (golang.org/x/net/http2/h2c) or over TLS with ALPN h2 (net/http's bundled HTTP/2).
// Usage: go-server ROOT [CERT KEY]; prints "listening on 127.0.0.1:PORT".
package main

import (
	"fmt"
	"net"
	"net/http"
	"os"

	"golang.org/x/net/http2"
	"golang.org/x/net/http2/h2c"
)

func main() {
	if len(os.Args) != 2 && len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: go-server ROOT [CERT KEY]")
		os.Exit(2)
	}
	files := http.FileServer(http.Dir(os.Args[1]))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("listening on %s\n", ln.Addr())
	if len(os.Args) == 4 {
		server := &http.Server{Handler: files}
		if err := http2.ConfigureServer(server, &http2.Server{}); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		err = server.ServeTLS(ln, os.Args[2], os.Args[3])
	} else {
		err = (&http.Server{Handler: h2c.NewHandler(files, &http2.Server{})}).Serve(ln)
	}
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
