/* Per-connection log of send_data callback calls, served as JSON by
 * GET /h2h/log?stream=N. Logs outlive their streams (bounded). */
#ifndef H2H_CALLLOG_H
#define H2H_CALLLOG_H

#include <stddef.h>
#include <stdint.h>

#define CALLLOG_MAX_STREAMS 10000      /* logs kept per connection */
#define CALLLOG_MAX_PER_STREAM 200000  /* records kept per stream */
#define CALLLOG_MAX_TOTAL 1000000      /* records kept per connection */

struct call_record {
  uint64_t send_call; /* 1-based nghttp2_session_send() count */
  uint64_t reads;     /* read callback calls for the stream so far */
  uint32_t data_length;
  uint16_t padlen;
  uint8_t framehd[9];
  int returned;
};

struct stream_log {
  int32_t stream_id;
  struct call_record *v;
  size_t n, cap;
  int truncated;
  /* Points at the owning stream's log pointer while the stream lives, so
   * eviction can clear it; NULL once the stream closed. */
  struct stream_log **backref;
};

struct call_log_store {
  struct stream_log **logs; /* oldest first */
  size_t n, cap;
  size_t total;
};

/* Creates the log of a new stream. Returns NULL when out of memory. */
struct stream_log *calllog_open(struct call_log_store *st, int32_t stream_id,
                                struct stream_log **backref);
/* Appends a record; returns -1 only when out of memory. */
int calllog_append(struct call_log_store *st, struct stream_log *log,
                   const struct call_record *rec);
/* The newest log of stream_id, or NULL. */
struct stream_log *calllog_find(const struct call_log_store *st,
                                int32_t stream_id);
/* Renders {"stream":N,"calls":[...]} (log may be NULL: no calls). Returns a
 * malloc'd string or NULL when out of memory. */
char *calllog_render(const struct stream_log *log, int32_t stream_id,
                     size_t *lenp);
void calllog_free(struct call_log_store *st);

#endif
