/* The controlled body. The read callback only decides the frame's length
 * and flags (NO_COPY); send_data writes the frame itself, or not, as the
 * h2h-send-data script says, and records the call in the call log. */
#include "body.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "conn.h"

void body_pattern(uint8_t *dst, uint64_t offset, size_t len) {
  static uint8_t table[2 * 251];
  size_t i;
  if (table[251] == 0) /* table[251] is 251 % 251 == 0 only before init */
    for (i = 0; i < sizeof(table); i++)
      table[i] = (uint8_t)(i % 251);
  i = 0;
  while (i < len) {
    size_t off = (size_t)((offset + i) % 251);
    size_t n = len - i < 251 ? len - i : 251;
    memcpy(dst + i, table + off, n);
    i += n;
  }
}

ssize_t body_read_cb(nghttp2_session *session, int32_t stream_id,
                     uint8_t *buf, size_t length, uint32_t *data_flags,
                     nghttp2_data_source *source, void *user_data) {
  struct stream *s = source->ptr;
  struct conn *c = user_data;
  uint64_t n = s->ctl.body - s->read_off;
  (void)buf;

  c->progress++;
  /* Our own backpressure: producing more would overfill the output buffer.
   * Deferring here (before send_data) keeps send_data free of real
   * WOULDBLOCKs, so the call log shows exactly the scripted outcomes. */
  if (conn_out_used(c) >= OUT_SOFT) {
    s->deferred = 1;
    c->deferred = 1;
    if (h2h_debug)
      fprintf(stderr, "[debug] read stream=%d deferred (buffer %zu bytes)\n",
              stream_id, conn_out_used(c));
    return NGHTTP2_ERR_DEFERRED;
  }
  s->reads++;
  if (n > length)
    n = length;
  if (s->ctl.has_chunk && n > s->ctl.chunk)
    n = s->ctl.chunk;
  s->read_off += n;
  *data_flags |= NGHTTP2_DATA_FLAG_NO_COPY;
  if (s->read_off == s->ctl.body) {
    *data_flags |= NGHTTP2_DATA_FLAG_EOF;
    if (s->ctl.trailers) {
      char val[24];
      nghttp2_nv nv = {(uint8_t *)"h2h-end", (uint8_t *)val, 7, 0,
                       NGHTTP2_NV_FLAG_NONE};
      int rv;
      nv.valuelen = (size_t)snprintf(val, sizeof(val), "%" PRIu64, s->ctl.body);
      *data_flags |= NGHTTP2_DATA_FLAG_NO_END_STREAM;
      /* As nghttpd does: trailers are submitted from inside the read. */
      rv = nghttp2_submit_trailer(session, stream_id, &nv, 1);
      if (rv != 0) {
        fprintf(stderr, "h2h-nghttp2-shim: submit_trailer: %s\n",
                nghttp2_strerror(rv));
        return nghttp2_is_fatal(rv) ? NGHTTP2_ERR_CALLBACK_FAILURE
                                    : NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE;
      }
    }
  }
  if (h2h_debug)
    fprintf(stderr,
            "[debug] read stream=%d maxLength=%zu -> %" PRIu64 " flags=0x%x\n",
            stream_id, length, n, *data_flags);
  return (ssize_t)n;
}

ssize_t body_select_padding_cb(nghttp2_session *session,
                               const nghttp2_frame *frame,
                               size_t max_payloadlen, void *user_data) {
  struct stream *s;
  size_t v = frame->hd.length;
  (void)user_data;
  /* Only the controlled DATA frames are padded; HEADERS never are. */
  if (frame->hd.type == NGHTTP2_DATA) {
    s = nghttp2_session_get_stream_user_data(session, frame->hd.stream_id);
    if (s && s->kind == KIND_CONTROLLED && s->ctl.has_pad &&
        max_payloadlen > v) {
      if (s->ctl.pad_max || s->ctl.pad >= max_payloadlen - v)
        v = max_payloadlen;
      else
        v += (size_t)s->ctl.pad;
    }
  }
  if (h2h_debug)
    fprintf(stderr,
            "[debug] select_padding type=%u stream=%d length=%zu "
            "max_payloadlen=%zu -> %zu\n",
            frame->hd.type, frame->hd.stream_id, frame->hd.length,
            max_payloadlen, v);
  return (ssize_t)v;
}

/* Writes the whole DATA frame as one unit (contract §1.7). */
static void write_frame(struct stream *s, uint8_t *p, const uint8_t *framehd,
                        size_t length, size_t padlen) {
  memcpy(p, framehd, 9);
  p += 9;
  if (padlen > 0)
    *p++ = (uint8_t)(padlen - 1);
  body_pattern(p, s->sent_off, length);
  p += length;
  if (padlen > 1)
    memset(p, 0, padlen - 1);
  s->sent_off += length;
}

int body_send_data_cb(nghttp2_session *session, nghttp2_frame *frame,
                      const uint8_t *framehd, size_t length,
                      nghttp2_data_source *source, void *user_data) {
  struct stream *s = source->ptr;
  struct conn *c = user_data;
  size_t padlen = frame->data.padlen;
  size_t total = 9 + length + padlen;
  struct h2h_outcome o = {1, 0};
  uint8_t *p = NULL;
  (void)session;

  c->progress++;
  if (s->sent_off + length > s->ctl.body) /* cannot happen; be loud */
    return NGHTTP2_ERR_CALLBACK_FAILURE;
  if (s->script_pos < s->ctl.script_len)
    o = s->ctl.script[s->script_pos];
  if (o.write) {
    p = conn_out_reserve(c, total);
    if (!p) {
      /* Real backpressure (should not happen, see body_read_cb): nothing is
       * written and the script entry is kept for the retry. */
      o.write = 0;
      o.ret = NGHTTP2_ERR_WOULDBLOCK;
    } else {
      s->script_pos++;
      write_frame(s, p, framehd, length, padlen);
    }
  } else {
    s->script_pos++;
  }
  if (h2h_debug)
    fprintf(stderr,
            "[debug] send_data stream=%d sendCall=%" PRIu64
            " length=%zu padlen=%zu -> %d%s\n",
            s->id, c->send_calls, length, padlen, o.ret,
            o.write ? " (written)" : "");
  if (s->log) {
    struct call_record r;
    memset(&r, 0, sizeof(r));
    r.send_call = c->send_calls;
    r.reads = s->reads;
    r.data_length = (uint32_t)length;
    r.padlen = (uint16_t)padlen;
    memcpy(r.framehd, framehd, 9);
    r.returned = o.ret;
    if (calllog_append(&c->logs, s->log, &r) != 0)
      return NGHTTP2_ERR_CALLBACK_FAILURE;
  }
  return o.ret;
}
