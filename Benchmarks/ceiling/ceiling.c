/*
 * The `ceiling` server of run.sh: how fast this machine's loopback TCP and wrk let any server go.
 *
 * One epoll thread (level-triggered), TCP_NODELAY, one read and one writev per request, the three payloads in
 * memory with their heads built at start (the Date field refreshed once a second). It does nothing else: no
 * header parsing beyond finding each request's end, no routing beyond the request line's path, no limits, no
 * logging. It answers only the benchmark's three GETs and is not a server for anything else.
 *
 * Usage: ceiling --port PORT --payloads DIR   (PORT 0 picks a free port; prints "listening on http://…")
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

enum { MAX_FDS = 65536, BUFFER_SIZE = 16384 };

struct payload {
    const char *path;   /* the request line's prefix that selects it, e.g. "GET /health " */
    char head[256];
    size_t head_length;
    char *body;
    size_t body_length;
};

struct connection {
    char buffer[BUFFER_SIZE];
    size_t used;
};

static struct payload payloads[3] = {
    {.path = "GET /health "},
    {.path = "GET /v1/articles/"},
    {.path = "GET /v1/articles?"},
};
static struct connection *connections[MAX_FDS];
static time_t head_time;

static void die(const char *what) {
    perror(what);
    exit(1);
}

static void load(struct payload *payload, const char *directory, const char *name) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", directory, name);
    FILE *file = fopen(path, "rb");
    if (!file) die(path);
    fseek(file, 0, SEEK_END);
    payload->body_length = (size_t)ftell(file);
    rewind(file);
    payload->body = malloc(payload->body_length);
    if (fread(payload->body, 1, payload->body_length, file) != payload->body_length) die(path);
    fclose(file);
}

/* Rebuilds every head when the second changed. */
static void refresh_heads(void) {
    time_t now = time(NULL);
    if (now == head_time) return;
    head_time = now;
    char date[64];
    struct tm parts;
    gmtime_r(&now, &parts);
    strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &parts);
    for (int i = 0; i < 3; i++) {
        payloads[i].head_length = (size_t)snprintf(
            payloads[i].head, sizeof payloads[i].head,
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %zu\r\nDate: %s\r\n\r\n",
            payloads[i].body_length, date);
    }
}

static void close_connection(int fd) {
    free(connections[fd]);
    connections[fd] = NULL;
    close(fd);
}

/* Sends all of it; waits for room when the client reads slowly (never happens with wrk). */
static int send_all(int fd, struct iovec *vectors, int count) {
    while (count > 0) {
        ssize_t written = writev(fd, vectors, count);
        if (written < 0) {
            if (errno == EINTR) continue;
            if (errno != EAGAIN) return -1;
            struct pollfd writable = {.fd = fd, .events = POLLOUT};
            poll(&writable, 1, 1000);
            continue;
        }
        while (count > 0 && (size_t)written >= vectors->iov_len) {
            written -= (ssize_t)vectors->iov_len;
            vectors++;
            count--;
        }
        if (count > 0) {
            vectors->iov_base = (char *)vectors->iov_base + written;
            vectors->iov_len -= (size_t)written;
        }
    }
    return 0;
}

/* Answers every complete request in the connection's buffer; returns -1 to close. */
static int serve(int fd, struct connection *connection) {
    char *start = connection->buffer, *end = connection->buffer + connection->used;
    for (;;) {
        char *terminator = memmem(start, (size_t)(end - start), "\r\n\r\n", 4);
        if (!terminator) break;
        struct payload *payload = NULL;
        for (int i = 0; i < 3 && !payload; i++) {
            size_t length = strlen(payloads[i].path);
            if ((size_t)(terminator - start) >= length && memcmp(start, payloads[i].path, length) == 0)
                payload = &payloads[i];
        }
        if (!payload) return -1;
        struct iovec vectors[2] = {
            {payload->head, payload->head_length}, {payload->body, payload->body_length},
        };
        if (send_all(fd, vectors, 2) < 0) return -1;
        start = terminator + 4;
    }
    connection->used = (size_t)(end - start);
    if (connection->used == BUFFER_SIZE) return -1;
    memmove(connection->buffer, start, connection->used);
    return 0;
}

int main(int argc, char **argv) {
    int port = -1;
    const char *directory = NULL;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--port") == 0) port = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--payloads") == 0) directory = argv[i + 1];
    }
    if (port < 0 || !directory) {
        fprintf(stderr, "usage: ceiling --port PORT --payloads DIR\n");
        return 2;
    }
    load(&payloads[0], directory, "health.json");
    load(&payloads[1], directory, "article.json");
    load(&payloads[2], directory, "list.json");
    refresh_heads();

    int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    int one = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(listener, (struct sockaddr *)&address, sizeof address) != 0) die("bind");
    if (listen(listener, 4096) != 0) die("listen");
    socklen_t length = sizeof address;
    getsockname(listener, (struct sockaddr *)&address, &length);
    printf("listening on http://127.0.0.1:%d\n", ntohs(address.sin_port));
    fflush(stdout);

    int poller = epoll_create1(EPOLL_CLOEXEC);
    struct epoll_event event = {.events = EPOLLIN, .data.fd = listener};
    epoll_ctl(poller, EPOLL_CTL_ADD, listener, &event);
    struct epoll_event events[256];
    for (;;) {
        int ready = epoll_wait(poller, events, 256, 1000);
        refresh_heads();
        for (int i = 0; i < ready; i++) {
            int fd = events[i].data.fd;
            if (fd == listener) {
                int client;
                while ((client = accept4(listener, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC)) >= 0) {
                    if (client >= MAX_FDS || !(connections[client] = calloc(1, sizeof(struct connection)))) {
                        close(client);
                        continue;
                    }
                    setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    struct epoll_event watch = {.events = EPOLLIN, .data.fd = client};
                    epoll_ctl(poller, EPOLL_CTL_ADD, client, &watch);
                }
                continue;
            }
            struct connection *connection = connections[fd];
            ssize_t count = read(fd, connection->buffer + connection->used, BUFFER_SIZE - connection->used);
            if (count < 0 && (errno == EAGAIN || errno == EINTR)) continue;
            if (count <= 0) {
                close_connection(fd);
                continue;
            }
            connection->used += (size_t)count;
            if (serve(fd, connection) < 0) close_connection(fd);
        }
    }
}
