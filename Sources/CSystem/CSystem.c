// accept4, O_DIRECT, sync_file_range, syscall and gettid are GNU extensions: they are declared only with _GNU_SOURCE, which must precede every include.
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <stddef.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "CSystem.h"
#if defined(__x86_64__)
#include <nmmintrin.h>
#endif

int csystem_accept4(int fd, int flags) {
    return accept4(fd, NULL, NULL, flags);
}

long csystem_read(int fd, void *buffer, size_t count) {
    return syscall(SYS_read, fd, buffer, count);
}

long csystem_sendmsg(int fd, const struct iovec *vectors, size_t count, int flags) {
    struct msghdr message = {.msg_iov = (struct iovec *)vectors, .msg_iovlen = count};
    return syscall(SYS_sendmsg, fd, &message, flags);
}

int csystem_open_direct_write(const char *path) {
    return open(path, O_WRONLY | O_DIRECT | O_CLOEXEC);
}

int csystem_start_writeback(int fd, long long offset, long long length) {
    return sync_file_range(fd, offset, length, SYNC_FILE_RANGE_WRITE);
}

int csystem_wait_for_writeback(int fd, long long offset, long long length) {
    return sync_file_range(fd, offset, length,
                           SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE | SYNC_FILE_RANGE_WAIT_AFTER);
}

long long csystem_raise_open_file_limit(long long wanted) {
    struct rlimit limit;
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return -1;
    if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < (rlim_t)wanted) {
        rlim_t target = (limit.rlim_max != RLIM_INFINITY && limit.rlim_max < (rlim_t)wanted) ? limit.rlim_max
                                                                                          : (rlim_t)wanted;
        struct rlimit raised = {target, limit.rlim_max};
        if (target > limit.rlim_cur && setrlimit(RLIMIT_NOFILE, &raised) == 0) limit.rlim_cur = target;
    }
    return limit.rlim_cur == RLIM_INFINITY ? LLONG_MAX : (long long)limit.rlim_cur;
}

int csystem_lower_thread_priority(int increment) {
    pid_t thread = gettid();
    errno = 0;
    int current = getpriority(PRIO_PROCESS, (id_t)thread);
    if (current == -1 && errno != 0) return -1;
    return setpriority(PRIO_PROCESS, (id_t)thread, current + increment);
}

#if defined(__x86_64__)
int csystem_crc32c_available(void) {
    return __builtin_cpu_supports("sse4.2");
}

__attribute__((target("sse4.2")))
uint32_t csystem_crc32c_update(uint32_t state, const void *bytes, size_t length) {
    const unsigned char *next = bytes;
    uint64_t wide = state;
    for (; length >= 8; next += 8, length -= 8) {
        uint64_t word;
        memcpy(&word, next, 8);
        wide = _mm_crc32_u64(wide, word);
    }
    uint32_t narrow = (uint32_t)wide;
    for (; length > 0; next++, length--) narrow = _mm_crc32_u8(narrow, *next);
    return narrow;
}
#else
int csystem_crc32c_available(void) {
    return 0;
}

uint32_t csystem_crc32c_update(uint32_t state, const void *bytes, size_t length) {
    (void)bytes;
    (void)length;
    return state;
}
#endif
