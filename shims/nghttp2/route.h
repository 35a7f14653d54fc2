/* Chooses and submits the response to a complete request. */
#ifndef H2H_ROUTE_H
#define H2H_ROUTE_H

#include "conn.h"

/* Returns 0 or an nghttp2 error code (fatal ones end the connection). */
int route_respond(struct conn *c, struct stream *s);

#endif
