#ifndef PEACETALKS_CSYSTEM_H
#define PEACETALKS_CSYSTEM_H
// Linux calls that Swift's Glibc module does not export, wrapped where the C types (the packed
// `struct epoll_event` with its union, the `EPOLL_EVENTS` enum) do not import cleanly.
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

static const uint32_t CSYSTEM_EPOLLIN = EPOLLIN;
static const uint32_t CSYSTEM_EPOLLOUT = EPOLLOUT;
static const uint32_t CSYSTEM_EPOLLERR = EPOLLERR;
static const uint32_t CSYSTEM_EPOLLHUP = EPOLLHUP;
static const uint32_t CSYSTEM_EPOLLRDHUP = EPOLLRDHUP;
static const uint32_t CSYSTEM_EPOLLEXCLUSIVE = EPOLLEXCLUSIVE;

/// accept4(fd, NULL, NULL, flags); defined in CSystem.c, which can set _GNU_SOURCE before <sys/socket.h>.
int csystem_accept4(int fd, int flags);

/// read(2) as a plain system call. glibc's `read` and `sendmsg` are thread-cancellation points: in a threaded
/// process each call also switches the thread's cancellation type on and off with two atomic operations, a
/// cost the event loop paid on every request and that nothing here uses (no thread is ever cancelled).
/// Returns the count, or -1 with errno.
long csystem_read(int fd, void *buffer, size_t count);

/// sendmsg(2) of `count` vectors with `flags`, as a plain system call (see `csystem_read`).
long csystem_sendmsg(int fd, const struct iovec *vectors, size_t count, int flags);

/// open(path, O_WRONLY | O_DIRECT | O_CLOEXEC): O_DIRECT is declared only with _GNU_SOURCE (see CSystem.c).
int csystem_open_direct_write(const char *path);

/// Starts writing back `length` bytes of `fd` from `offset` without waiting (sync_file_range), so that dirty
/// pages do not pile up for one long flush at the end; returns 0 or -1 with errno.
int csystem_start_writeback(int fd, long long offset, long long length);

/// Waits until `length` bytes of `fd` from `offset` are written back (sync_file_range, starting any write-back
/// not yet started); returns 0 or -1 with errno. Not a sync: no metadata, no device cache flush.
int csystem_wait_for_writeback(int fd, long long offset, long long length);

/// Raises the soft limit on open files toward `wanted`, as far as the hard limit allows; returns the soft limit
/// then in force (LLONG_MAX when unlimited), or -1 with errno.
long long csystem_raise_open_file_limit(long long wanted);

/// Lowers the calling thread's CPU priority by `increment` nice steps (Linux nice values are per thread).
int csystem_lower_thread_priority(int increment);

/// Whether this CPU has a CRC-32C instruction (SSE 4.2 on x86-64) for `csystem_crc32c_update`.
int csystem_crc32c_available(void);

/// Folds `length` bytes into a CRC-32C state (the inverted CRC, as a table-driven update keeps it) with the CPU's
/// CRC-32C instruction; call only when `csystem_crc32c_available()`.
uint32_t csystem_crc32c_update(uint32_t state, const void *bytes, size_t length);

/// epoll_ctl with the event's data set to `token`.
static inline int csystem_epoll_ctl(int epfd, int op, int fd, uint32_t events, uint64_t token) {
    struct epoll_event event;
    event.events = events;
    event.data.u64 = token;
    return epoll_ctl(epfd, op, fd, &event);
}

/// epoll_wait that unpacks each ready event into `tokens[i]` and `events[i]`.
static inline int csystem_epoll_wait(int epfd, uint64_t *tokens, uint32_t *events, int capacity, int timeout) {
    struct epoll_event ready[256];
    if (capacity > 256) capacity = 256;
    int count = epoll_wait(epfd, ready, capacity, timeout);
    for (int i = 0; i < count; i++) {
        tokens[i] = ready[i].data.u64;
        events[i] = ready[i].events;
    }
    return count;
}
#endif
