/* h2h-nghttp2-shim: an h2c (prior knowledge) server on 127.0.0.1 that
 * exposes libnghttp2's NO_COPY send path to h2harness. This file holds the
 * command line, the listening socket and the poll() loop. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "client.h"
#include "conn.h"

#define MAX_CONNS 1024
#define LINGER_MS 2000

static int sig_pipe[2] = {-1, -1}; /* self-pipe: signal -> poll wakeup */

static void on_signal(int sig) {
  int saved = errno;
  char b = (char)sig;
  if (write(sig_pipe[1], &b, 1) < 0) { /* pipe full: already woken */
  }
  errno = saved;
}

static int64_t now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int set_nonblock(int fd) {
  int fl = fcntl(fd, F_GETFL);
  if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0)
    return -1;
  return fcntl(fd, F_SETFD, FD_CLOEXEC) < 0 ? -1 : 0;
}

static int usage(void) {
  fprintf(stderr, "usage: h2h-nghttp2-shim [--port N] | h2h-nghttp2-shim client URL\n"
                  "  h2c (prior knowledge) on 127.0.0.1; N = 0 (default) "
                  "picks a free port\n");
  return 2;
}

static int listen_on(int port) {
  struct sockaddr_in sa;
  socklen_t salen = sizeof(sa);
  int one = 1;
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) {
    perror("h2h-nghttp2-shim: socket");
    return -1;
  }
  memset(&sa, 0, sizeof(sa));
  sa.sin_family = AF_INET;
  sa.sin_port = htons((uint16_t)port);
  sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0 ||
      bind(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0 ||
      listen(fd, 128) != 0 || set_nonblock(fd) != 0 ||
      getsockname(fd, (struct sockaddr *)&sa, &salen) != 0) {
    perror("h2h-nghttp2-shim: listen on 127.0.0.1");
    close(fd);
    return -1;
  }
  printf("listening on 127.0.0.1:%u\n", (unsigned)ntohs(sa.sin_port));
  if (fflush(stdout) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

static void accept_all(int lfd, struct conn **conns, size_t *nconns) {
  while (*nconns < MAX_CONNS) {
    int one = 1;
    struct conn *c;
    int fd = accept(lfd, NULL, NULL);
    if (fd < 0) {
      if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR &&
          errno != ECONNABORTED)
        perror("h2h-nghttp2-shim: accept");
      return;
    }
    if (set_nonblock(fd) != 0 ||
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)) != 0 ||
        !(c = conn_new(fd))) {
      fprintf(stderr, "h2h-nghttp2-shim: cannot set up a connection\n");
      close(fd);
      continue;
    }
    conns[(*nconns)++] = c;
  }
}

/* Whether the loop must turn again without waiting for the socket: nghttp2
 * still wants to write (e.g. after a PAUSE or a scripted WOULDBLOCK, which
 * make nghttp2_session_send() return 0 early) or a deferred stream waits,
 * our buffer has room, and the last turn either made progress or did not
 * try. A session that tried and could not move must not make us spin. */
static int again(const struct conn *c, int tried, uint64_t before) {
  return (conn_wants_write(c) || c->deferred) && conn_out_used(c) < OUT_SOFT &&
         (!tried || c->progress != before);
}

static int run(int lfd) {
  static struct conn *conns[MAX_CONNS];
  static struct pollfd pfds[MAX_CONNS + 2];
  static char kick[MAX_CONNS]; /* turn again at once (see again()) */
  size_t nconns = 0, i;
  int stop = 0;

  while (!stop) {
    int timeout = -1, n;
    int64_t now;
    pfds[0].fd = sig_pipe[0];
    pfds[0].events = POLLIN;
    pfds[1].fd = nconns < MAX_CONNS ? lfd : -1; /* cap: stop accepting */
    pfds[1].events = POLLIN;
    now = now_ms();
    for (i = 0; i < nconns; i++) {
      struct conn *c = conns[i];
      pfds[i + 2].fd = c->fd;
      if (c->lingering) {
        int64_t left = c->linger_until > now ? c->linger_until - now : 0;
        pfds[i + 2].events = POLLIN;
        if (timeout < 0 || left < timeout)
          timeout = (int)left;
        continue;
      }
      pfds[i + 2].events = (short)((conn_wants_read(c) ? POLLIN : 0) |
                                   (conn_out_used(c) > 0 ? POLLOUT : 0));
      if (kick[i])
        timeout = 0;
    }
    n = poll(pfds, nconns + 2, timeout);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      perror("h2h-nghttp2-shim: poll");
      break;
    }
    if (pfds[0].revents & POLLIN)
      stop = 1;
    for (i = 0; i < nconns; i++) {
      struct conn *c = conns[i];
      short re = pfds[i + 2].revents;
      int dead = 0;
      if (c->lingering) {
        dead = ((re & (POLLIN | POLLHUP | POLLERR)) && conn_drain(c) != 0) ||
               now_ms() >= c->linger_until;
      } else {
        if (re & (POLLIN | POLLHUP | POLLERR))
          dead = conn_on_readable(c) != 0;
        if (!dead) {
          uint64_t before;
          int tried = 0;
          conn_resume_deferred(c);
          before = c->progress;
          if (conn_out_used(c) < OUT_SOFT && conn_wants_write(c)) {
            conn_send(c);
            tried = 1;
          }
          dead = conn_flush(c) != 0 ||
                 (conn_done(c) && conn_linger(c, now_ms() + LINGER_MS) != 0);
          kick[i] = (char)(!c->lingering && again(c, tried, before));
        }
      }
      if (dead) {
        conn_free(c);
        conns[i] = conns[nconns - 1];
        pfds[i + 2] = pfds[nconns + 1];
        kick[i] = kick[nconns - 1];
        nconns--;
        i--; /* revisit the moved entry */
      }
    }
    if (pfds[1].revents & POLLIN) {
      size_t first = nconns;
      accept_all(lfd, conns, &nconns);
      for (i = first; i < nconns; i++)
        kick[i] = 1; /* send our SETTINGS right away */
    }
  }
  for (i = 0; i < nconns; i++)
    conn_free(conns[i]);
  return 0;
}

int main(int argc, char **argv) {
  struct sigaction sa;
  long port = 0;
  int lfd, i, rc;

  if (argc >= 2 && strcmp(argv[1], "client") == 0) {
    if (argc != 3) {
      fprintf(stderr, "usage: h2h-nghttp2-shim client URL\n");
      return 2;
    }
    h2h_debug = getenv("H2H_SHIM_DEBUG") != NULL;
    signal(SIGPIPE, SIG_IGN);
    return client_main(argv[2]);
  }
  for (i = 1; i < argc; i++) {
    char *end;
    if (strcmp(argv[i], "--port") == 0 && i + 1 < argc) {
      errno = 0;
      port = strtol(argv[++i], &end, 10);
      if (errno || *end || end == argv[i] || port < 0 || port > 65535)
        return usage();
    } else {
      return usage();
    }
  }
  h2h_debug = getenv("H2H_SHIM_DEBUG") != NULL;

  if (pipe(sig_pipe) != 0 || set_nonblock(sig_pipe[0]) != 0 ||
      set_nonblock(sig_pipe[1]) != 0) {
    perror("h2h-nghttp2-shim: pipe");
    return 1;
  }
  memset(&sa, 0, sizeof(sa));
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  if (sigaction(SIGTERM, &sa, NULL) != 0 || sigaction(SIGINT, &sa, NULL) != 0) {
    perror("h2h-nghttp2-shim: sigaction");
    return 1;
  }
  signal(SIGPIPE, SIG_IGN); /* send() uses MSG_NOSIGNAL; belt and braces */

  lfd = listen_on((int)port);
  if (lfd < 0)
    return 1;
  rc = run(lfd);
  close(lfd);
  close(sig_pipe[0]);
  close(sig_pipe[1]);
  return rc;
}
