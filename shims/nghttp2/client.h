/* The shim's client mode (CONTRACT.md section 5): h2h-nghttp2-shim client URL
 * uploads the body the URL's h2h- query parameters ask for through
 * libnghttp2's own send_data callback (NO_COPY), then hands over its call log. */
#ifndef H2H_CLIENT_H
#define H2H_CLIENT_H

/* Runs the client to its end; returns the process exit status. */
int client_main(const char *url);

#endif
