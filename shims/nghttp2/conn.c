/* Connection plumbing: the output buffer, the nghttp2 session and its
 * request-side callbacks. Responses are chosen in route.c, bodies in body.c. */
#include "conn.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "body.h"
#include "route.h"

int h2h_debug;

size_t conn_out_used(const struct conn *c) { return c->out_tail - c->out_head; }

uint8_t *conn_out_reserve(struct conn *c, size_t n) {
  uint8_t *p;
  if (n > OUT_CAP - conn_out_used(c))
    return NULL;
  if (c->out_tail + n > OUT_CAP) { /* compact: pending bytes to the front */
    memmove(c->out, c->out + c->out_head, conn_out_used(c));
    c->out_tail -= c->out_head;
    c->out_head = 0;
  }
  p = c->out + c->out_tail;
  c->out_tail += n;
  return p;
}

static ssize_t send_cb(nghttp2_session *session, const uint8_t *data,
                       size_t length, int flags, void *user_data) {
  struct conn *c = user_data;
  size_t n = OUT_CAP - conn_out_used(c);
  uint8_t *p;
  (void)session, (void)flags;
  c->progress++;
  if (n == 0)
    return NGHTTP2_ERR_WOULDBLOCK; /* the loop waits for POLLOUT */
  if (n > length)
    n = length;
  p = conn_out_reserve(c, n);
  if (!p)
    return NGHTTP2_ERR_WOULDBLOCK;
  memcpy(p, data, n);
  return (ssize_t)n;
}

static void stream_free(struct stream *s) {
  if (s->log)
    s->log->backref = NULL;
  control_free(&s->ctl);
  free(s->path);
  free(s->authority);
  free(s->host);
  free(s->static_body);
  free(s);
}

static void stream_unlink(struct conn *c, struct stream *s) {
  if (s->prev)
    s->prev->next = s->next;
  else
    c->streams = s->next;
  if (s->next)
    s->next->prev = s->prev;
}

static int on_begin_headers_cb(nghttp2_session *session,
                               const nghttp2_frame *frame, void *user_data) {
  struct conn *c = user_data;
  struct stream *s;
  int rv;
  if (frame->hd.type != NGHTTP2_HEADERS ||
      frame->headers.cat != NGHTTP2_HCAT_REQUEST)
    return 0;
  s = calloc(1, sizeof(*s));
  if (!s)
    return NGHTTP2_ERR_CALLBACK_FAILURE;
  s->id = frame->hd.stream_id;
  s->conn = c;
  rv = nghttp2_session_set_stream_user_data(session, s->id, s);
  if (rv != 0) {
    free(s);
    return NGHTTP2_ERR_CALLBACK_FAILURE;
  }
  s->next = c->streams;
  if (c->streams)
    c->streams->prev = s;
  c->streams = s;
  return 0;
}

static int on_header_cb(nghttp2_session *session, const nghttp2_frame *frame,
                        const uint8_t *name, size_t namelen,
                        const uint8_t *value, size_t valuelen, uint8_t flags,
                        void *user_data) {
  struct stream *s;
  (void)flags, (void)user_data;
  if (frame->hd.type != NGHTTP2_HEADERS ||
      frame->headers.cat != NGHTTP2_HCAT_REQUEST)
    return 0; /* request trailers are ignored */
  s = nghttp2_session_get_stream_user_data(session, frame->hd.stream_id);
  if (!s)
    return 0;
  if (namelen == 5 && memcmp(name, ":path", 5) == 0 && !s->path) {
    s->path = strndup((const char *)value, valuelen);
    if (!s->path)
      return NGHTTP2_ERR_CALLBACK_FAILURE;
  }
  if (namelen == 7 && memcmp(name, ":method", 7) == 0)
    s->is_head = valuelen == 4 && memcmp(value, "HEAD", 4) == 0;
  if (namelen == 10 && memcmp(name, ":authority", 10) == 0 && !s->authority)
    s->authority = strndup((const char *)value, valuelen);
  if (namelen == 4 && memcmp(name, "host", 4) == 0 && !s->host)
    s->host = strndup((const char *)value, valuelen);
  if (control_add(&s->ctl, name, namelen, value, valuelen) != 0)
    return NGHTTP2_ERR_CALLBACK_FAILURE;
  return 0;
}

/* Respond once the request is complete (END_STREAM), as nghttpd does. */
static int on_frame_recv_cb(nghttp2_session *session,
                            const nghttp2_frame *frame, void *user_data) {
  struct stream *s;
  int rv;
  if ((frame->hd.type != NGHTTP2_HEADERS && frame->hd.type != NGHTTP2_DATA) ||
      !(frame->hd.flags & NGHTTP2_FLAG_END_STREAM))
    return 0;
  s = nghttp2_session_get_stream_user_data(session, frame->hd.stream_id);
  if (!s || s->responded)
    return 0;
  rv = route_respond(user_data, s);
  return nghttp2_is_fatal(rv) ? NGHTTP2_ERR_CALLBACK_FAILURE : 0;
}

static int on_stream_close_cb(nghttp2_session *session, int32_t stream_id,
                              uint32_t error_code, void *user_data) {
  struct conn *c = user_data;
  struct stream *s = nghttp2_session_get_stream_user_data(session, stream_id);
  (void)error_code;
  if (!s)
    return 0;
  stream_unlink(c, s);
  stream_free(s);
  return 0;
}

struct conn *conn_new(int fd) {
  nghttp2_session_callbacks *cbs;
  nghttp2_settings_entry iv = {NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS, 100};
  struct conn *c = calloc(1, sizeof(*c));
  int rv;
  if (!c)
    return NULL;
  c->fd = fd;
  c->out = malloc(OUT_CAP);
  if (!c->out || nghttp2_session_callbacks_new(&cbs) != 0) {
    free(c->out);
    free(c);
    return NULL;
  }
  nghttp2_session_callbacks_set_send_callback(cbs, send_cb);
  nghttp2_session_callbacks_set_on_begin_headers_callback(cbs,
                                                          on_begin_headers_cb);
  nghttp2_session_callbacks_set_on_header_callback(cbs, on_header_cb);
  nghttp2_session_callbacks_set_on_frame_recv_callback(cbs, on_frame_recv_cb);
  nghttp2_session_callbacks_set_on_stream_close_callback(cbs,
                                                         on_stream_close_cb);
  nghttp2_session_callbacks_set_select_padding_callback(cbs,
                                                        body_select_padding_cb);
  nghttp2_session_callbacks_set_send_data_callback(cbs, body_send_data_cb);
  rv = nghttp2_session_server_new(&c->session, cbs, c);
  nghttp2_session_callbacks_del(cbs);
  if (rv != 0) {
    free(c->out);
    free(c);
    return NULL;
  }
  /* Exactly one entry, like the Java reference server, so the two compare
   * byte for byte. */
  rv = nghttp2_submit_settings(c->session, NGHTTP2_FLAG_NONE, &iv, 1);
  if (rv != 0) {
    nghttp2_session_del(c->session);
    free(c->out);
    free(c);
    return NULL;
  }
  return c;
}

void conn_free(struct conn *c) {
  struct stream *s, *next;
  nghttp2_session_del(c->session);
  for (s = c->streams; s; s = next) {
    next = s->next;
    stream_free(s);
  }
  calllog_free(&c->logs);
  if (close(c->fd) != 0)
    perror("h2h-nghttp2-shim: close");
  free(c->out);
  free(c);
}

int conn_on_readable(struct conn *c) {
  uint8_t buf[16384];
  int i;
  /* A bounded number of reads per turn keeps connections fair. */
  for (i = 0; i < 8 && conn_wants_read(c); i++) {
    ssize_t n = recv(c->fd, buf, sizeof(buf), 0);
    ssize_t rv;
    if (n == 0)
      return -1; /* peer closed */
    if (n < 0) {
      if (errno == EINTR)
        continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK)
        return 0;
      return -1;
    }
    rv = nghttp2_session_mem_recv(c->session, buf, (size_t)n);
    if (rv < 0) {
      fprintf(stderr, "h2h-nghttp2-shim: fd %d: mem_recv: %s\n", c->fd,
              nghttp2_strerror((int)rv));
      c->closing = 1;
      return 0;
    }
  }
  return 0;
}

int conn_flush(struct conn *c) {
  while (conn_out_used(c) > 0) {
    ssize_t n = send(c->fd, c->out + c->out_head, conn_out_used(c),
                     MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK)
        return 0;
      return -1;
    }
    c->out_head += (size_t)n;
  }
  c->out_head = c->out_tail = 0;
  return 0;
}

void conn_send(struct conn *c) {
  int rv;
  if (c->closing || !nghttp2_session_want_write(c->session))
    return;
  c->send_calls++;
  rv = nghttp2_session_send(c->session);
  if (h2h_debug)
    fprintf(stderr, "[debug] session_send #%llu -> %d\n",
            (unsigned long long)c->send_calls, rv);
  if (rv != 0) {
    /* Fatal (contract §2): keep what is buffered, then close. */
    fprintf(stderr, "h2h-nghttp2-shim: fd %d: session_send: %s\n", c->fd,
            nghttp2_strerror(rv));
    c->closing = 1;
  }
}

void conn_resume_deferred(struct conn *c) {
  struct stream *s;
  if (!c->deferred || c->closing || conn_out_used(c) >= OUT_SOFT)
    return;
  c->deferred = 0;
  for (s = c->streams; s; s = s->next) {
    int rv;
    if (!s->deferred)
      continue;
    s->deferred = 0;
    rv = nghttp2_session_resume_data(c->session, s->id);
    if (nghttp2_is_fatal(rv))
      c->closing = 1;
  }
}

int conn_wants_read(const struct conn *c) {
  return !c->closing && nghttp2_session_want_read(c->session) &&
         conn_out_used(c) < OUT_SOFT;
}

int conn_wants_write(const struct conn *c) {
  return !c->closing && nghttp2_session_want_write(c->session);
}

int conn_done(const struct conn *c) {
  if (conn_out_used(c) > 0)
    return 0;
  return c->closing || (!nghttp2_session_want_read(c->session) &&
                        !nghttp2_session_want_write(c->session) &&
                        !c->deferred);
}

int conn_linger(struct conn *c, int64_t until_ms) {
  if (shutdown(c->fd, SHUT_WR) != 0)
    return -1;
  c->lingering = 1;
  c->linger_until = until_ms;
  return 0;
}

int conn_drain(struct conn *c) {
  uint8_t buf[16384];
  for (;;) {
    ssize_t n = recv(c->fd, buf, sizeof(buf), 0);
    if (n > 0)
      continue;
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
      return 0;
    return -1;
  }
}
