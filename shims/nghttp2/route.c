/* Request routing: control headers first (any path), then /h2h/log, then
 * the index page, else 404. Every response carries h2h-version: 1. */
#include "route.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "body.h"

#define NV(n, v)                                                               \
  { (uint8_t *)(n), (uint8_t *)(v), strlen(n), strlen(v), NGHTTP2_NV_FLAG_NONE }

static const char INDEX_HTML[] =
    "<!DOCTYPE html>\n<html><head><title>h2harness libnghttp2 shim</title>"
    "</head>\n<body><p>This is the h2harness libnghttp2 shim (h2c, prior "
    "knowledge). Send h2h-* control headers to drive it; see "
    "shims/README.md.</p></body></html>\n";

/* Copying read callback for small, fully built bodies. */
static ssize_t static_read_cb(nghttp2_session *session, int32_t stream_id,
                              uint8_t *buf, size_t length,
                              uint32_t *data_flags, nghttp2_data_source *source,
                              void *user_data) {
  struct stream *s = source->ptr;
  size_t n = s->static_len - s->static_off;
  (void)session, (void)stream_id, (void)user_data;
  if (n > length)
    n = length;
  memcpy(buf, s->static_body + s->static_off, n);
  s->static_off += n;
  if (s->static_off == s->static_len)
    *data_flags |= NGHTTP2_DATA_FLAG_EOF;
  return (ssize_t)n;
}

/* A non-fatal submit failure (stream already going away) resets the stream
 * instead of killing the connection. */
static int submit(struct conn *c, struct stream *s, const nghttp2_nv *nva,
                  size_t nvlen, nghttp2_data_source_read_callback read_cb) {
  nghttp2_data_provider prd;
  int rv;
  prd.source.ptr = s;
  prd.read_callback = read_cb;
  /* RFC 9110 §9.3.2: no content in the response to HEAD. */
  rv = nghttp2_submit_response(c->session, s->id, nva, nvlen,
                               s->is_head ? NULL : &prd);
  if (rv != 0 && !nghttp2_is_fatal(rv)) {
    fprintf(stderr, "h2h-nghttp2-shim: stream %d: submit_response: %s\n",
            s->id, nghttp2_strerror(rv));
    rv = nghttp2_submit_rst_stream(c->session, NGHTTP2_FLAG_NONE, s->id,
                                   NGHTTP2_INTERNAL_ERROR);
    if (!nghttp2_is_fatal(rv))
      rv = 0;
  }
  return rv;
}

/* Takes ownership of body (malloc'd). */
static int respond_static(struct conn *c, struct stream *s, const char *status,
                          const char *ctype, char *body, size_t len) {
  char clen[24];
  if (!body)
    return NGHTTP2_ERR_NOMEM;
  s->kind = KIND_STATIC;
  s->static_body = body;
  s->static_len = len;
  snprintf(clen, sizeof(clen), "%zu", len);
  nghttp2_nv nva[] = {NV(":status", status), NV("content-type", ctype),
                      NV("content-length", clen), NV("h2h-version", "1")};
  return submit(c, s, nva, sizeof(nva) / sizeof(nva[0]), static_read_cb);
}

static int respond_text(struct conn *c, struct stream *s, const char *status,
                        const char *ctype, const char *text) {
  size_t len = strlen(text);
  char *body = malloc(len + 1);
  if (body)
    memcpy(body, text, len + 1);
  return respond_static(c, s, status, ctype, body, len);
}

static int respond_error(struct conn *c, struct stream *s, const char *msg) {
  char line[400];
  snprintf(line, sizeof(line), "%s\n", msg);
  return respond_text(c, s, "400", "text/plain", line);
}

static int respond_controlled(struct conn *c, struct stream *s) {
  char clen[24];
  s->kind = KIND_CONTROLLED;
  s->log = calllog_open(&c->logs, s->id, &s->log);
  if (!s->log)
    return NGHTTP2_ERR_NOMEM;
  snprintf(clen, sizeof(clen), "%" PRIu64, s->ctl.body);
  nghttp2_nv nva[] = {NV(":status", "200"),
                      NV("content-type", "application/octet-stream"),
                      NV("content-length", clen), NV("h2h-version", "1")};
  return submit(c, s, nva, sizeof(nva) / sizeof(nva[0]), body_read_cb);
}

/* query is what follows "/h2h/log": it must be "?stream=N". */
static int respond_log(struct conn *c, struct stream *s, const char *query) {
  uint64_t id;
  size_t len;
  char *json;
  if (strncmp(query, "?stream=", 8) != 0 ||
      control_parse_u64((const uint8_t *)query + 8, strlen(query + 8), &id,
                        NULL) != 0 ||
      id == 0 || id > INT32_MAX)
    return respond_error(
        c, s, "/h2h/log: expected ?stream=N with N a stream id (1..2^31-1)");
  json = calllog_render(calllog_find(&c->logs, (int32_t)id), (int32_t)id, &len);
  return respond_static(c, s, "200", "application/json", json, len);
}

int route_respond(struct conn *c, struct stream *s) {
  const char *path = s->path ? s->path : "";
  s->responded = 1;
  control_finish(&s->ctl);
  if (s->ctl.any) {
    if (s->ctl.error[0] != '\0')
      return respond_error(c, s, s->ctl.error);
    return respond_controlled(c, s);
  }
  /* RFC 9113 §8.3.1: a host naming another entity than :authority SHOULD make
   * the request malformed. */
  if (s->authority && s->host && strcasecmp(s->authority, s->host) != 0)
    return respond_error(c, s, "host differs from :authority");
  if (strncmp(path, "/h2h/log", 8) == 0 && (path[8] == '\0' || path[8] == '?'))
    return respond_log(c, s, path + 8);
  if (path[0] == '/' && (path[1] == '\0' || path[1] == '?'))
    return respond_text(c, s, "200", "text/html", INDEX_HTML);
  return respond_text(c, s, "404", "text/plain",
                      "not found (h2harness libnghttp2 shim)\n");
}
