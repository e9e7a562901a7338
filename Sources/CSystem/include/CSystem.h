#ifndef PEACETALKS_CSYSTEM_H
#define PEACETALKS_CSYSTEM_H
// Linux calls that Swift's Glibc module does not export.
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <netinet/tcp.h>
#endif
