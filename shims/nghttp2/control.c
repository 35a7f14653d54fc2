/* Parsing of the h2h-* control headers. Every error message names the header
 * and quotes the offending value, because the harness shows it to a human. */
#include "control.h"

#include <nghttp2/nghttp2.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define QUOTE_MAX 64

static int eq(const uint8_t *s, size_t len, const char *lit) {
  size_t n = strlen(lit);
  return len == n && memcmp(s, lit, n) == 0;
}

/* Copies at most QUOTE_MAX bytes, replacing non-printables, so a hostile
 * value cannot inject control characters into the 400 body. */
static void quote(char *dst, size_t dstlen, const uint8_t *s, size_t len) {
  size_t i, j = 0;
  for (i = 0; i < len && i < QUOTE_MAX && j + 1 < dstlen; i++)
    dst[j++] = (s[i] >= 0x20 && s[i] < 0x7f && s[i] != '"') ? (char)s[i] : '?';
  if (i < len && j + 3 < dstlen) {
    memcpy(dst + j, "...", 3);
    j += 3;
  }
  dst[j] = '\0';
}

static void fail(struct h2h_control *ctl, const char *fmt, ...) {
  va_list ap;
  if (ctl->error[0] != '\0')
    return;
  va_start(ap, fmt);
  vsnprintf(ctl->error, sizeof(ctl->error), fmt, ap);
  va_end(ap);
}

int control_parse_u64(const uint8_t *s, size_t len, uint64_t *out,
                      int *saturated) {
  uint64_t v = 0;
  int sat = 0;
  size_t i;
  if (len == 0)
    return -1;
  for (i = 0; i < len; i++) {
    unsigned d;
    if (s[i] < '0' || s[i] > '9')
      return -1;
    d = (unsigned)(s[i] - '0');
    if (sat)
      continue; /* keep validating the remaining digits */
    if (v > (UINT64_MAX - d) / 10) {
      if (!saturated)
        return -1;
      sat = 1;
      v = UINT64_MAX;
      continue;
    }
    v = v * 10 + d;
  }
  if (saturated)
    *saturated = sat;
  *out = v;
  return 0;
}

static int parse_int(const uint8_t *s, size_t len, int *out) {
  int neg = 0;
  uint64_t v;
  if (len > 0 && (s[0] == '-' || s[0] == '+')) {
    neg = s[0] == '-';
    s++;
    len--;
  }
  if (control_parse_u64(s, len, &v, NULL) != 0)
    return -1;
  if (neg ? v > (uint64_t)INT32_MAX + 1 : v > (uint64_t)INT32_MAX)
    return -1;
  *out = neg ? (int)(-(int64_t)v) : (int)v;
  return 0;
}

static int is_space(uint8_t c) { return c == ' ' || c == '\t'; }

static int parse_item(const uint8_t *s, size_t len, struct h2h_outcome *o) {
  int v;
  if (eq(s, len, "ok")) {
    o->write = 1, o->ret = 0;
  } else if (eq(s, len, "wouldblock")) {
    o->write = 0, o->ret = NGHTTP2_ERR_WOULDBLOCK;
  } else if (eq(s, len, "pause")) {
    o->write = 1, o->ret = NGHTTP2_ERR_PAUSE;
  } else if (eq(s, len, "temporal-failure")) {
    o->write = 0, o->ret = NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE;
  } else if (eq(s, len, "callback-failure")) {
    o->write = 0, o->ret = NGHTTP2_ERR_CALLBACK_FAILURE;
  } else if (parse_int(s, len, &v) == 0) {
    /* A bare integer writes nothing, except 0 which means "sent". */
    o->write = v == 0, o->ret = v;
  } else {
    return -1;
  }
  return 0;
}

/* Returns -1 on out of memory, 0 otherwise (errors go to ctl->error). */
static int parse_send_data(struct h2h_control *ctl, const uint8_t *v,
                           size_t len) {
  size_t i, start = 0, n = 1;
  char q[QUOTE_MAX + 8];
  for (i = 0; i < len; i++)
    n += v[i] == ',';
  ctl->script = calloc(n, sizeof(*ctl->script));
  if (!ctl->script)
    return -1;
  for (i = 0; i <= len; i++) {
    size_t a, b;
    if (i < len && v[i] != ',')
      continue;
    a = start, b = i;
    while (a < b && is_space(v[a]))
      a++;
    while (b > a && is_space(v[b - 1]))
      b--;
    if (parse_item(v + a, b - a, &ctl->script[ctl->script_len]) != 0) {
      quote(q, sizeof(q), v + a, b - a);
      fail(ctl,
           "h2h-send-data: item %zu is not ok, wouldblock, pause, "
           "temporal-failure, callback-failure or an integer: \"%s\"",
           ctl->script_len + 1, q);
      return 0;
    }
    ctl->script_len++;
    start = i + 1;
  }
  return 0;
}

int control_add(struct h2h_control *ctl, const uint8_t *name, size_t namelen,
                const uint8_t *value, size_t valuelen) {
  char q[QUOTE_MAX + 8];
  int sat;
  if (namelen < 4 || memcmp(name, "h2h-", 4) != 0)
    return 0;
  ctl->any = 1;
  quote(q, sizeof(q), value, valuelen);

#define ONCE(flag, hname)                                                      \
  do {                                                                         \
    if (ctl->flag) {                                                           \
      fail(ctl, "%s: given more than once", hname);                           \
      return 0;                                                                \
    }                                                                          \
    ctl->flag = 1;                                                             \
  } while (0)

  if (eq(name, namelen, "h2h-body")) {
    ONCE(has_body, "h2h-body");
    if (control_parse_u64(value, valuelen, &ctl->body, NULL) != 0)
      fail(ctl, "h2h-body: not a non-negative integer: \"%s\"", q);
    else if (ctl->body > H2H_BODY_MAX)
      fail(ctl, "h2h-body: larger than 2^40: \"%s\"", q);
  } else if (eq(name, namelen, "h2h-chunk")) {
    ONCE(has_chunk, "h2h-chunk");
    if (control_parse_u64(value, valuelen, &ctl->chunk, &sat) != 0 ||
        ctl->chunk == 0)
      fail(ctl, "h2h-chunk: not a positive integer: \"%s\"", q);
  } else if (eq(name, namelen, "h2h-pad")) {
    ONCE(has_pad, "h2h-pad");
    if (eq(value, valuelen, "max"))
      ctl->pad_max = 1;
    else if (control_parse_u64(value, valuelen, &ctl->pad, &sat) != 0)
      fail(ctl, "h2h-pad: not a non-negative integer or \"max\": \"%s\"", q);
  } else if (eq(name, namelen, "h2h-send-data")) {
    ONCE(has_send_data, "h2h-send-data");
    if (parse_send_data(ctl, value, valuelen) != 0)
      return -1;
  } else if (eq(name, namelen, "h2h-trailers")) {
    ONCE(has_trailers, "h2h-trailers");
    if (eq(value, valuelen, "yes"))
      ctl->trailers = 1;
    else if (!eq(value, valuelen, "no"))
      fail(ctl, "h2h-trailers: not \"yes\" or \"no\": \"%s\"", q);
  } else {
    quote(q, sizeof(q), name, namelen);
    fail(ctl, "unknown control header: \"%s\"", q);
  }
#undef ONCE
  return 0;
}

void control_finish(struct h2h_control *ctl) {
  if (ctl->any && !ctl->has_body)
    fail(ctl, "h2h-body: missing (required when any h2h- header is sent)");
}

void control_free(struct h2h_control *ctl) {
  free(ctl->script);
  ctl->script = NULL;
  ctl->script_len = 0;
}
