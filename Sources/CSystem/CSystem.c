// Intentionally empty: CSystem is a header-only shim for <sys/epoll.h>, <sys/eventfd.h> and accept4.
