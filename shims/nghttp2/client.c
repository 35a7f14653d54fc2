/* Client mode: one h2c (prior knowledge) connection to URL. Stream 1 is a
 * POST of the controlled body (or a plain GET without h2h- parameters);
 * once it has ended both ways, stream 3 POSTs the call log to
 * /h2h/client-log?stream=1; then GOAWAY(NO_ERROR) and exit. */
#include <errno.h>
#include <inttypes.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <nghttp2/nghttp2.h>

#include "body.h"
#include "calllog.h"
#include "client.h"
#include "control.h"

#define IDLE_MS 30000 /* no octet from the server for this long: give up */

struct client {
  int fd;
  nghttp2_session *session;
  uint8_t *out;
  size_t out_len, out_cap;
  struct h2h_control ctl;
  uint64_t read_off, sent_off, reads, send_calls;
  size_t script_pos;
  struct call_log_store logs;
  struct stream_log *log;
  char *log_json;
  size_t log_len, log_sent;
  int status1;   /* :status of stream 1's response, 0 if none */
  int failed;    /* the script made a stream or the session fail */
  int done;      /* GOAWAY submitted */
  char authority[300];
};

static int reserve(struct client *c, size_t n) {
  if (c->out_len + n <= c->out_cap)
    return 0;
  size_t cap = c->out_cap ? c->out_cap : 65536;
  while (cap < c->out_len + n)
    cap *= 2;
  uint8_t *p = realloc(c->out, cap);
  if (!p)
    return -1;
  c->out = p;
  c->out_cap = cap;
  return 0;
}

static ssize_t send_cb(nghttp2_session *s, const uint8_t *data, size_t len,
                       int flags, void *user_data) {
  struct client *c = user_data;
  (void)s;
  (void)flags;
  if (reserve(c, len) != 0)
    return NGHTTP2_ERR_CALLBACK_FAILURE;
  memcpy(c->out + c->out_len, data, len);
  c->out_len += len;
  return (ssize_t)len;
}

static ssize_t upload_read_cb(nghttp2_session *session, int32_t stream_id,
                              uint8_t *buf, size_t length, uint32_t *data_flags,
                              nghttp2_data_source *source, void *user_data) {
  struct client *c = user_data;
  uint64_t n = c->ctl.body - c->read_off;
  (void)buf;
  (void)source;
  c->reads++;
  if (n > length)
    n = length;
  if (c->ctl.has_chunk && n > c->ctl.chunk)
    n = c->ctl.chunk;
  c->read_off += n;
  *data_flags |= NGHTTP2_DATA_FLAG_NO_COPY;
  if (c->read_off == c->ctl.body) {
    *data_flags |= NGHTTP2_DATA_FLAG_EOF;
    if (c->ctl.trailers) {
      char val[24];
      nghttp2_nv nv = {(uint8_t *)"h2h-end", (uint8_t *)val, 7, 0, NGHTTP2_NV_FLAG_NONE};
      nv.valuelen = (size_t)snprintf(val, sizeof(val), "%" PRIu64, c->ctl.body);
      *data_flags |= NGHTTP2_DATA_FLAG_NO_END_STREAM;
      if (nghttp2_submit_trailer(session, stream_id, &nv, 1) != 0)
        return NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE;
    }
  }
  return (ssize_t)n;
}

static ssize_t log_read_cb(nghttp2_session *session, int32_t stream_id,
                           uint8_t *buf, size_t length, uint32_t *data_flags,
                           nghttp2_data_source *source, void *user_data) {
  struct client *c = user_data;
  size_t n = c->log_len - c->log_sent;
  (void)session;
  (void)stream_id;
  (void)source;
  if (n > length)
    n = length;
  memcpy(buf, c->log_json + c->log_sent, n);
  c->log_sent += n;
  if (c->log_sent == c->log_len)
    *data_flags |= NGHTTP2_DATA_FLAG_EOF;
  return (ssize_t)n;
}

static ssize_t select_padding_cb(nghttp2_session *session, const nghttp2_frame *frame,
                                 size_t max_payloadlen, void *user_data) {
  struct client *c = user_data;
  size_t v = frame->hd.length;
  (void)session;
  /* CONTRACT.md section 4: h2h-pad pads the upload's DATA frames only. */
  if (frame->hd.type == NGHTTP2_DATA && frame->hd.stream_id == 1 && c->ctl.has_pad &&
      max_payloadlen > v) {
    if (c->ctl.pad_max || c->ctl.pad >= max_payloadlen - v)
      v = max_payloadlen;
    else
      v += (size_t)c->ctl.pad;
  }
  return (ssize_t)v;
}

/* The NO_COPY callback of the upload: one scripted outcome per call; the
 * frame (header, Pad Length, data, zero padding) is written as one unit. */
static int send_data_cb(nghttp2_session *session, nghttp2_frame *frame,
                        const uint8_t *framehd, size_t length,
                        nghttp2_data_source *source, void *user_data) {
  struct client *c = user_data;
  size_t padlen = frame->data.padlen;
  struct h2h_outcome o = {1, 0};
  struct call_record r;
  (void)session;
  (void)source;
  if (c->script_pos < c->ctl.script_len)
    o = c->ctl.script[c->script_pos];
  c->script_pos++;
  if (o.write) {
    if (reserve(c, 9 + length + padlen) != 0)
      return NGHTTP2_ERR_CALLBACK_FAILURE;
    uint8_t *p = c->out + c->out_len;
    memcpy(p, framehd, 9);
    p += 9;
    if (padlen > 0)
      *p++ = (uint8_t)(padlen - 1);
    body_pattern(p, c->sent_off, length);
    p += length;
    if (padlen > 1)
      memset(p, 0, padlen - 1);
    c->out_len += 9 + length + padlen;
    c->sent_off += length;
  }
  memset(&r, 0, sizeof(r));
  r.send_call = c->send_calls;
  r.reads = c->reads;
  r.data_length = (uint32_t)length;
  r.padlen = (uint16_t)padlen;
  memcpy(r.framehd, framehd, 9);
  r.returned = o.ret;
  if (c->log && calllog_append(&c->logs, c->log, &r) != 0)
    return NGHTTP2_ERR_CALLBACK_FAILURE;
  if (o.ret != 0 && o.ret != NGHTTP2_ERR_WOULDBLOCK && o.ret != NGHTTP2_ERR_PAUSE)
    c->failed = 1;
  return o.ret;
}

static int on_header_cb(nghttp2_session *s, const nghttp2_frame *frame, const uint8_t *name,
                        size_t namelen, const uint8_t *value, size_t valuelen, uint8_t flags,
                        void *user_data) {
  struct client *c = user_data;
  (void)s;
  (void)flags;
  if (frame->hd.stream_id == 1 && namelen == 7 && memcmp(name, ":status", 7) == 0 && valuelen == 3) {
    int st = (value[0] - '0') * 100 + (value[1] - '0') * 10 + (value[2] - '0');
    if (st >= 200 || c->status1 == 0)
      c->status1 = st;
  }
  return 0;
}

static void submit(struct client *c, const char *method, const char *path, int with_log) {
  nghttp2_nv nv[8];
  size_t n = 0;
  char len[24];
  nghttp2_data_provider dp;
#define NV(k, v)                                                                       \
  do {                                                                                 \
    nv[n].name = (uint8_t *)(k);                                                       \
    nv[n].namelen = strlen(k);                                                         \
    nv[n].value = (uint8_t *)(v);                                                      \
    nv[n].valuelen = strlen(v);                                                        \
    nv[n].flags = NGHTTP2_NV_FLAG_NONE;                                                \
    n++;                                                                               \
  } while (0)
  NV(":method", method);
  NV(":scheme", "http");
  NV(":authority", c->authority);
  NV(":path", path);
  if (with_log) {
    NV("content-type", "application/json");
    snprintf(len, sizeof(len), "%zu", c->log_len);
    NV("content-length", len);
    dp.source.ptr = c;
    dp.read_callback = log_read_cb;
    if (nghttp2_submit_request(c->session, NULL, nv, n, &dp, c) < 0) {
      /* After the server's GOAWAY no stream may open: no log is handed over. */
      nghttp2_submit_goaway(c->session, NGHTTP2_FLAG_NONE, 0, NGHTTP2_NO_ERROR, NULL, 0);
      c->done = 1;
    }
    return;
  }
  if (!c->ctl.any) {
    nghttp2_submit_request(c->session, NULL, nv, n, NULL, c);
    return;
  }
  NV("h2h-version", "1");
  if (!c->ctl.trailers) {
    snprintf(len, sizeof(len), "%" PRIu64, c->ctl.body);
    NV("content-length", len);
  }
  dp.source.ptr = c;
  dp.read_callback = upload_read_cb;
  nghttp2_submit_request(c->session, NULL, nv, n, &dp, c);
#undef NV
}

static int on_stream_close_cb(nghttp2_session *s, int32_t stream_id, uint32_t error_code,
                              void *user_data) {
  struct client *c = user_data;
  (void)s;
  (void)error_code;
  if (stream_id == 1 && c->ctl.any) {
    c->log_json = calllog_render(c->log, 1, &c->log_len);
    if (!c->log_json)
      return NGHTTP2_ERR_CALLBACK_FAILURE;
    submit(c, "POST", "/h2h/client-log?stream=1", 1);
  } else if (stream_id == (c->ctl.any ? 3 : 1)) {
    nghttp2_submit_goaway(c->session, NGHTTP2_FLAG_NONE, 0, NGHTTP2_NO_ERROR, NULL, 0);
    c->done = 1;
  }
  return 0;
}

static int hexval(int ch) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
  return -1;
}

/* Percent-decodes s[0..len) in place; returns the new length or -1. */
static long pct_decode(char *s, size_t len) {
  size_t i, o = 0;
  for (i = 0; i < len; i++) {
    if (s[i] == '%') {
      int hi, lo;
      if (i + 2 >= len) return -1;
      hi = hexval((unsigned char)s[i + 1]);
      lo = hexval((unsigned char)s[i + 2]);
      if (hi < 0 || lo < 0) return -1;
      s[o++] = (char)(hi * 16 + lo);
      i += 2;
    } else {
      s[o++] = s[i];
    }
  }
  return (long)o;
}

/* The h2h- query parameters into c->ctl; returns -1 with a message on stderr. */
static int parse_query(struct client *c, const char *query) {
  char *q = strdup(query), *save = NULL, *kv;
  if (!q) return -1;
  for (kv = strtok_r(q, "&", &save); kv; kv = strtok_r(NULL, "&", &save)) {
    char *eq = strchr(kv, '=');
    char *val = eq ? eq + 1 : kv + strlen(kv);
    long nl, vl;
    if (eq) *eq = 0;
    nl = pct_decode(kv, strlen(kv));
    vl = pct_decode(val, strlen(val));
    if (nl < 0 || vl < 0) {
      fprintf(stderr, "h2h-nghttp2-shim client: bad percent-encoding in the URL's query\n");
      free(q);
      return -1;
    }
    if (nl >= 4 && memcmp(kv, "h2h-", 4) == 0 && !(nl == 11 && memcmp(kv, "h2h-version", 11) == 0)) {
      static const char *known[] = {"h2h-body", "h2h-chunk", "h2h-pad", "h2h-send-data", "h2h-trailers"};
      size_t k, ok = 0;
      for (k = 0; k < sizeof(known) / sizeof(known[0]); k++)
        if ((size_t)nl == strlen(known[k]) && memcmp(kv, known[k], (size_t)nl) == 0) ok = 1;
      if (!ok) {
        fprintf(stderr, "h2h-nghttp2-shim client: unknown control parameter %.*s\n", (int)nl, kv);
        free(q);
        return -1;
      }
      if (control_add(&c->ctl, (uint8_t *)kv, (size_t)nl, (uint8_t *)val, (size_t)vl) != 0) {
        free(q);
        return -1;
      }
    }
  }
  free(q);
  control_finish(&c->ctl);
  if (c->ctl.error[0]) {
    fprintf(stderr, "h2h-nghttp2-shim client: %s\n", c->ctl.error);
    return -1;
  }
  return 0;
}

static int connect_to(const char *host, const char *port) {
  struct addrinfo hints, *res, *ai;
  int fd = -1, one = 1;
  memset(&hints, 0, sizeof(hints));
  hints.ai_socktype = SOCK_STREAM;
  if (getaddrinfo(host, port, &hints, &res) != 0) return -1;
  for (ai = res; ai; ai = ai->ai_next) {
    fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
    if (fd < 0) continue;
    if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) break;
    close(fd);
    fd = -1;
  }
  freeaddrinfo(res);
  if (fd >= 0) setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
  return fd;
}

/* Writes all pending output; -1 when the server is gone. */
static int flush_out(struct client *c) {
  size_t off = 0;
  while (off < c->out_len) {
    ssize_t n = send(c->fd, c->out + off, c->out_len - off, MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    off += (size_t)n;
  }
  c->out_len = 0;
  return 0;
}

static int run(struct client *c) {
  uint8_t buf[65536];
  int idle = 0;
  for (;;) {
    /* Everything that can be written goes before the next read, a WOULDBLOCK
     * or PAUSE only ending one send() call: the reference client does the same,
     * so the framing does not depend on when the server's octets arrive. */
    while (nghttp2_session_want_write(c->session)) {
      c->send_calls++;
      int rv = nghttp2_session_send(c->session);
      if (flush_out(c) != 0) return -1;
      if (rv != 0) return c->failed ? 0 : -1; /* fatal: the connection ends */
    }
    if (c->done || !nghttp2_session_want_read(c->session)) return 0;
    struct pollfd p = {c->fd, POLLIN, 0};
    int n = poll(&p, 1, 100);
    if (n < 0 && errno != EINTR) return -1;
    if (n <= 0) {
      if ((idle += 100) >= IDLE_MS) {
        fprintf(stderr, "h2h-nghttp2-shim client: the server sent nothing for %d ms\n", IDLE_MS);
        return -1;
      }
      continue;
    }
    idle = 0;
    ssize_t r = recv(c->fd, buf, sizeof(buf), 0);
    if (r <= 0) return c->failed || c->done ? 0 : -1;
    ssize_t used = nghttp2_session_mem_recv(c->session, buf, (size_t)r);
    if (used < 0) {
      fprintf(stderr, "h2h-nghttp2-shim client: %s\n", nghttp2_strerror((int)used));
      return -1;
    }
  }
}

/* Closes after the server has read our last octets: unread input at close()
 * would make the kernel send a reset that can discard them on the way. */
static void linger_close(int fd) {
  uint8_t buf[4096];
  int waited = 0;
  shutdown(fd, SHUT_WR);
  while (waited < 1000) {
    struct pollfd p = {fd, POLLIN, 0};
    int n = poll(&p, 1, 50);
    if (n < 0 && errno != EINTR) break;
    if (n == 0) {
      waited += 50;
      continue;
    }
    if (recv(fd, buf, sizeof(buf), 0) <= 0) break;
  }
  close(fd);
}

int client_main(const char *url) {
  struct client c;
  char host[256], port[8] = "80";
  const char *p, *hostend, *path;
  nghttp2_session_callbacks *cb;
  int rc;

  memset(&c, 0, sizeof(c));
  if (strncmp(url, "http://", 7) != 0) {
    fprintf(stderr, "h2h-nghttp2-shim client: only http:// (h2c prior knowledge) URLs: %s\n", url);
    return 2;
  }
  p = url + 7;
  path = strchr(p, '/');
  if (!path) path = p + strlen(p);
  hostend = memchr(p, ':', (size_t)(path - p));
  if (!hostend) hostend = path;
  if ((size_t)(hostend - p) >= sizeof(host) || hostend == p ||
      (hostend < path && (size_t)(path - hostend - 1) >= sizeof(port))) {
    fprintf(stderr, "h2h-nghttp2-shim client: bad URL %s\n", url);
    return 2;
  }
  memcpy(host, p, (size_t)(hostend - p));
  host[hostend - p] = 0;
  if (hostend < path) {
    memcpy(port, hostend + 1, (size_t)(path - hostend - 1));
    port[path - hostend - 1] = 0;
  }
  snprintf(c.authority, sizeof(c.authority), "%.*s", (int)(path - p), p);
  if (*path == 0) path = "/";
  if (strchr(path, '?') && parse_query(&c, strchr(path, '?') + 1) != 0) {
    control_free(&c.ctl);
    return 2;
  }
  c.fd = connect_to(host, port);
  if (c.fd < 0) {
    fprintf(stderr, "h2h-nghttp2-shim client: cannot connect to %s:%s\n", host, port);
    control_free(&c.ctl);
    return 1;
  }
  if (c.ctl.any) {
    c.log = calllog_open(&c.logs, 1, &c.log);
    if (!c.log) return 1;
  }
  nghttp2_session_callbacks_new(&cb);
  nghttp2_session_callbacks_set_send_callback(cb, send_cb);
  nghttp2_session_callbacks_set_send_data_callback(cb, send_data_cb);
  nghttp2_session_callbacks_set_select_padding_callback(cb, select_padding_cb);
  nghttp2_session_callbacks_set_on_header_callback(cb, on_header_cb);
  nghttp2_session_callbacks_set_on_stream_close_callback(cb, on_stream_close_cb);
  nghttp2_session_client_new(&c.session, cb, &c);
  nghttp2_session_callbacks_del(cb);
  nghttp2_submit_settings(c.session, NGHTTP2_FLAG_NONE, NULL, 0);
  submit(&c, c.ctl.any ? "POST" : "GET", path, 0);

  rc = run(&c);
  nghttp2_session_del(c.session);
  linger_close(c.fd);
  free(c.out);
  free(c.log_json);
  calllog_free(&c.logs);
  control_free(&c.ctl);
  if (rc != 0) return 1;
  /* A scripted failure is not the client's error (CONTRACT.md section 5). */
  if (c.failed) return 0;
  if (c.status1 < 200 || c.status1 > 299) {
    fprintf(stderr, "h2h-nghttp2-shim client: stream 1 got :status %d\n", c.status1);
    return 1;
  }
  return 0;
}
