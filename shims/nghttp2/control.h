/* Parsing of the h2h-* request control headers (contract §4).
 * Pure functions: no nghttp2, no I/O, so they can be reasoned about alone. */
#ifndef H2H_CONTROL_H
#define H2H_CONTROL_H

#include <stddef.h>
#include <stdint.h>

#define H2H_BODY_MAX ((uint64_t)1 << 40)

/* One scripted outcome of the send_data callback. */
struct h2h_outcome {
  int write; /* 1: write the whole frame before returning */
  int ret;   /* value returned to nghttp2 */
};

struct h2h_control {
  int any; /* at least one h2h- header was seen */
  int has_body;
  uint64_t body;
  int has_chunk;
  uint64_t chunk;
  int has_pad;
  int pad_max;
  uint64_t pad; /* saturates at UINT64_MAX */
  int has_send_data;
  struct h2h_outcome *script;
  size_t script_len;
  int has_trailers;
  int trailers;
  char error[320]; /* first error, empty if none */
};

/* Feeds one request header. Headers not starting with "h2h-" are ignored.
 * Returns 0, or -1 only when out of memory. Validation errors are stored in
 * ctl->error (first one wins) and do not make this fail. */
int control_add(struct h2h_control *ctl, const uint8_t *name, size_t namelen,
                const uint8_t *value, size_t valuelen);

/* Checks the cross-header rules after the last header. */
void control_finish(struct h2h_control *ctl);

void control_free(struct h2h_control *ctl);

/* Strict decimal parse: digits only, no sign, no spaces. On success stores
 * the value (saturated at UINT64_MAX if *saturated is non-NULL, else
 * overflow is an error) and returns 0. */
int control_parse_u64(const uint8_t *s, size_t len, uint64_t *out,
                      int *saturated);

#endif
