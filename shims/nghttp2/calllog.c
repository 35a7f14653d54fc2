/* Call log storage and JSON rendering. */
#include "calllog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void log_destroy(struct stream_log *log) {
  if (log->backref)
    *log->backref = NULL;
  free(log->v);
  free(log);
}

/* Drops the oldest logs, never `keep`. Evicting in batches keeps the
 * memmove cost amortised. Returns how many records were freed. */
static size_t evict(struct call_log_store *st, size_t count,
                    const struct stream_log *keep) {
  size_t i, j = 0, freed = 0, dropped = 0;
  for (i = 0; i < st->n; i++) {
    struct stream_log *log = st->logs[i];
    if (dropped < count && log != keep) {
      freed += log->n;
      log_destroy(log);
      dropped++;
    } else {
      st->logs[j++] = log;
    }
  }
  st->n = j;
  st->total -= freed;
  return freed;
}

struct stream_log *calllog_open(struct call_log_store *st, int32_t stream_id,
                                struct stream_log **backref) {
  struct stream_log *log;
  if (st->n >= CALLLOG_MAX_STREAMS + CALLLOG_MAX_STREAMS / 10)
    evict(st, st->n - CALLLOG_MAX_STREAMS + 1, NULL);
  if (st->n == st->cap) {
    size_t cap = st->cap ? st->cap * 2 : 16;
    struct stream_log **p = realloc(st->logs, cap * sizeof(*p));
    if (!p)
      return NULL;
    st->logs = p;
    st->cap = cap;
  }
  log = calloc(1, sizeof(*log));
  if (!log)
    return NULL;
  log->stream_id = stream_id;
  log->backref = backref;
  st->logs[st->n++] = log;
  return log;
}

int calllog_append(struct call_log_store *st, struct stream_log *log,
                   const struct call_record *rec) {
  if (log->n >= CALLLOG_MAX_PER_STREAM) {
    log->truncated = 1;
    return 0;
  }
  while (st->total >= CALLLOG_MAX_TOTAL) {
    if (st->n <= 1) { /* only this stream's own log is left */
      log->truncated = 1;
      return 0;
    }
    evict(st, 1, log);
  }
  if (log->n == log->cap) {
    size_t cap = log->cap ? log->cap * 2 : 8;
    struct call_record *p = realloc(log->v, cap * sizeof(*p));
    if (!p)
      return -1;
    log->v = p;
    log->cap = cap;
  }
  log->v[log->n++] = *rec;
  st->total++;
  return 0;
}

struct stream_log *calllog_find(const struct call_log_store *st,
                                int32_t stream_id) {
  size_t i;
  for (i = st->n; i > 0; i--)
    if (st->logs[i - 1]->stream_id == stream_id)
      return st->logs[i - 1];
  return NULL;
}

#define RECORD_MAX 320 /* generous bound of one rendered record */

char *calllog_render(const struct stream_log *log, int32_t stream_id,
                     size_t *lenp) {
  size_t n = log ? log->n : 0, cap = 96 + n * RECORD_MAX, len, i;
  char *out = malloc(cap);
  if (!out)
    return NULL;
  len = (size_t)snprintf(out, cap, "{\"stream\":%d,\"calls\":[", stream_id);
  for (i = 0; i < n; i++) {
    const struct call_record *r = &log->v[i];
    const uint8_t *h = r->framehd;
    char hex[19];
    size_t k;
    for (k = 0; k < 9; k++)
      snprintf(hex + 2 * k, 3, "%02x", h[k]);
    len += (size_t)snprintf(
        out + len, cap - len,
        "%s{\"seq\":%zu,\"sendCall\":%llu,\"reads\":%llu,\"frameHeader\":\"%s\","
        "\"frameLength\":%u,\"type\":%u,\"flags\":%u,\"streamId\":%u,"
        "\"dataLength\":%u,\"padlen\":%u,\"returned\":%d}",
        i ? "," : "", i + 1, (unsigned long long)r->send_call,
        (unsigned long long)r->reads, hex,
        (unsigned)h[0] << 16 | (unsigned)h[1] << 8 | h[2], (unsigned)h[3],
        (unsigned)h[4],
        ((unsigned)h[5] << 24 | (unsigned)h[6] << 16 | (unsigned)h[7] << 8 |
         h[8]) & 0x7fffffffu,
        (unsigned)r->data_length, (unsigned)r->padlen, r->returned);
  }
  len += (size_t)snprintf(out + len, cap - len, "]%s}",
                          log && log->truncated ? ",\"truncated\":true" : "");
  *lenp = len;
  return out;
}

void calllog_free(struct call_log_store *st) {
  evict(st, st->n, NULL);
  free(st->logs);
  st->logs = NULL;
  st->n = st->cap = 0;
}
