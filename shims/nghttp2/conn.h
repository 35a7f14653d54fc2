/* One h2c connection: socket, bounded output buffer, nghttp2 server session,
 * live streams and the call log. */
#ifndef H2H_CONN_H
#define H2H_CONN_H

#include <nghttp2/nghttp2.h>
#include <stddef.h>
#include <stdint.h>

#include "calllog.h"
#include "control.h"

/* Output buffer: callbacks stop producing DATA above OUT_SOFT (the read
 * callback defers) and the send callback never goes beyond OUT_CAP. The gap
 * is larger than one maximal DATA frame (9 + 16384 + 256), so a NO_COPY
 * frame always fits as one unit. */
#define OUT_SOFT (128 * 1024)
#define OUT_CAP (256 * 1024)

enum stream_kind { KIND_PENDING, KIND_STATIC, KIND_CONTROLLED };

struct stream {
  int32_t id;
  struct conn *conn;
  struct stream *prev, *next; /* the connection's live streams */
  enum stream_kind kind;
  int responded;
  char *path;
  int is_head;      /* HEAD: the response carries no content (RFC 9110 §9.3.2) */
  char *authority;  /* :authority and host, compared before answering */
  char *host;
  struct h2h_control ctl;
  /* KIND_STATIC: a copied body (log JSON, HTML, error text) */
  char *static_body;
  size_t static_len, static_off;
  /* KIND_CONTROLLED: the NO_COPY body */
  uint64_t read_off;  /* bytes handed out by the read callback */
  uint64_t sent_off;  /* bytes actually written by send_data */
  uint64_t reads;     /* read callback calls that produced a frame */
  size_t script_pos;  /* next h2h-send-data entry */
  int deferred;       /* read callback deferred for our own backpressure */
  struct stream_log *log;
};

struct conn {
  int fd;
  nghttp2_session *session;
  uint8_t *out;
  size_t out_head, out_tail; /* pending bytes are out[out_head..out_tail) */
  uint64_t send_calls;       /* nghttp2_session_send() invocations */
  uint64_t progress;         /* bumps on any callback activity */
  int closing;               /* flush, then close */
  int lingering;             /* write side shut, draining input */
  int64_t linger_until;      /* monotonic ms */
  int deferred;              /* some stream waits for buffer space */
  struct stream *streams;
  struct call_log_store logs;
};

struct conn *conn_new(int fd);
void conn_free(struct conn *c);

size_t conn_out_used(const struct conn *c);
/* Reserves n contiguous bytes at the tail; NULL if they do not fit. */
uint8_t *conn_out_reserve(struct conn *c, size_t n);

/* Event handlers used by the loop. Return -1 when the connection must be
 * closed right away (peer gone), 0 otherwise. */
int conn_on_readable(struct conn *c);
int conn_flush(struct conn *c);
/* Runs nghttp2_session_send once (counted). Sets c->closing on fatal error. */
void conn_send(struct conn *c);
/* Resumes streams the read callback deferred, if there is room now. */
void conn_resume_deferred(struct conn *c);

int conn_wants_read(const struct conn *c);
int conn_wants_write(const struct conn *c); /* nghttp2 has frames to send */
int conn_done(const struct conn *c);        /* may be closed now */

/* Lingering close: shut the write side, then read and discard until EOF or
 * the deadline, so the peer receives every byte flushed before the close
 * instead of a RST (closing with unread input makes the kernel reset). */
int conn_linger(struct conn *c, int64_t until_ms);
/* Discards input; -1 on EOF or error (close now). */
int conn_drain(struct conn *c);

extern int h2h_debug; /* H2H_SHIM_DEBUG set: trace callbacks on stderr */

#endif
