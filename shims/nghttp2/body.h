/* The controlled response body: NO_COPY read callback, padding choice and
 * the scripted send_data callback (contract §§1, 2 and 4). */
#ifndef H2H_BODY_H
#define H2H_BODY_H

#include <nghttp2/nghttp2.h>

ssize_t body_read_cb(nghttp2_session *session, int32_t stream_id,
                     uint8_t *buf, size_t length, uint32_t *data_flags,
                     nghttp2_data_source *source, void *user_data);

ssize_t body_select_padding_cb(nghttp2_session *session,
                               const nghttp2_frame *frame,
                               size_t max_payloadlen, void *user_data);

int body_send_data_cb(nghttp2_session *session, nghttp2_frame *frame,
                      const uint8_t *framehd, size_t length,
                      nghttp2_data_source *source, void *user_data);

/* Writes body bytes [offset, offset+len): byte i is i % 251. */
void body_pattern(uint8_t *dst, uint64_t offset, size_t len);

#endif
