#ifndef PEACETALKS_CCURL_SHIM_H
#define PEACETALKS_CCURL_SHIM_H
#include <curl/curl.h>
#endif
