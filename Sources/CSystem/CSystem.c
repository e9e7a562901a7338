// accept4 is a GNU extension: it is declared only with _GNU_SOURCE, which must precede every include.
#define _GNU_SOURCE
#include <stddef.h>
#include <sys/socket.h>
#include "CSystem.h"

int csystem_accept4(int fd, int flags) {
    return accept4(fd, NULL, NULL, flags);
}
