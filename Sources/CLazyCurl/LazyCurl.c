// The libcurl functions FoundationNetworking refers to (`nm -u libFoundationNetworking.a
// lib_CFURLSessionInterface.a | grep curl_`), each forwarding to libcurl's own, found with
// dlopen/dlsym at the first call. Handles are opaque pointers and libcurl's enums are ints,
// as in <curl/curl.h>; the three variadic setters take one value, whose type the option's
// number range says (CURLOPTTYPE_LONG 0, OBJECTPOINT 10000, FUNCTIONPOINT 20000, OFF_T 30000,
// BLOB 40000), and it is passed on with that type.
#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#pragma GCC visibility push(hidden)

#if defined(__APPLE__)
static const char *const curl_file = "libcurl.4.dylib";
#else
static const char *const curl_file = "libcurl.so.4";
#endif

typedef void *handle_t;

// Every non-variadic function, as X(return type, name, parameters, arguments); VOID for
// those returning nothing.
#define MG_CURL_FUNCTIONS(X, VOID)                                                          \
    X(int, curl_global_init, (long flags), (flags))                                         \
    X(handle_t, curl_easy_init, (void), ())                                                 \
    VOID(curl_easy_cleanup, (handle_t easy), (easy))                                        \
    X(int, curl_easy_pause, (handle_t easy, int bitmask), (easy, bitmask))                  \
    X(const char *, curl_easy_strerror, (int code), (code))                                 \
    VOID(curl_free, (void *pointer), (pointer))                                             \
    X(int, curl_multi_add_handle, (handle_t multi, handle_t easy), (multi, easy))           \
    X(int, curl_multi_assign, (handle_t multi, int socket, void *data), (multi, socket, data)) \
    X(int, curl_multi_cleanup, (handle_t multi), (multi))                                   \
    X(void *, curl_multi_info_read, (handle_t multi, int *queued), (multi, queued))         \
    X(handle_t, curl_multi_init, (void), ())                                                \
    X(int, curl_multi_remove_handle, (handle_t multi, handle_t easy), (multi, easy))        \
    X(int, curl_multi_socket_action, (handle_t multi, int socket, int events, int *running), \
      (multi, socket, events, running))                                                     \
    X(void *, curl_slist_append, (void *list, const char *string), (list, string))          \
    VOID(curl_slist_free_all, (void *list), (list))                                         \
    X(handle_t, curl_url, (void), ())                                                       \
    X(int, curl_url_get, (handle_t url, int part, char **value, unsigned int flags),        \
      (url, part, value, flags))                                                            \
    X(int, curl_url_set, (handle_t url, int part, const char *value, unsigned int flags),   \
      (url, part, value, flags))                                                            \
    X(char *, curl_version, (void), ())                                                     \
    X(void *, curl_version_info, (int age), (age))

#define MG_VARIADIC_FUNCTIONS(V) V(curl_easy_setopt) V(curl_easy_getinfo) V(curl_multi_setopt)

#define MG_POINTER(type, name, parameters, arguments) static type(*real_##name) parameters;
#define MG_VOID_POINTER(name, parameters, arguments) static void(*real_##name) parameters;
#define MG_VARIADIC_POINTER(name) static int (*real_##name)(handle_t, int, ...);
MG_CURL_FUNCTIONS(MG_POINTER, MG_VOID_POINTER)
MG_VARIADIC_FUNCTIONS(MG_VARIADIC_POINTER)

static pthread_once_t once = PTHREAD_ONCE_INIT;

static void fail(const char *reason) {
    fprintf(stderr, "marginalia: this needs libcurl (%s), which cannot be loaded: %s\n", curl_file, reason);
    exit(1);
}

static void load(void) {
    void *library = dlopen(curl_file, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        const char *reason = dlerror();
        fail(reason != NULL ? reason : "unknown error");
    }
#define MG_RESOLVE(name)                                          \
    real_##name = dlsym(library, #name);                          \
    if (real_##name == NULL) fail("it has no function " #name);
#define MG_RESOLVE_TYPED(type, name, parameters, arguments) MG_RESOLVE(name)
#define MG_RESOLVE_VOID(name, parameters, arguments) MG_RESOLVE(name)
    MG_CURL_FUNCTIONS(MG_RESOLVE_TYPED, MG_RESOLVE_VOID)
    MG_VARIADIC_FUNCTIONS(MG_RESOLVE)
}

#define MG_FORWARD(type, name, parameters, arguments) \
    type name parameters {                            \
        pthread_once(&once, load);                    \
        return real_##name arguments;                 \
    }
#define MG_VOID_FORWARD(name, parameters, arguments) \
    void name parameters {                           \
        pthread_once(&once, load);                   \
        real_##name arguments;                       \
    }
MG_CURL_FUNCTIONS(MG_FORWARD, MG_VOID_FORWARD)

// An option's one value, read with the type its number says and passed on with it.
static int forward_option(int (*real)(handle_t, int, ...), handle_t handle, int option, va_list values) {
    if (option < 10000) return real(handle, option, va_arg(values, long));
    if (option < 20000) return real(handle, option, va_arg(values, void *));
    if (option < 30000) return real(handle, option, va_arg(values, void (*)(void)));
    if (option < 40000) return real(handle, option, va_arg(values, int64_t));
    return real(handle, option, va_arg(values, void *));
}

int curl_easy_setopt(handle_t easy, int option, ...) {
    pthread_once(&once, load);
    va_list values;
    va_start(values, option);
    int code = forward_option(real_curl_easy_setopt, easy, option, values);
    va_end(values);
    return code;
}

int curl_multi_setopt(handle_t multi, int option, ...) {
    pthread_once(&once, load);
    va_list values;
    va_start(values, option);
    int code = forward_option(real_curl_multi_setopt, multi, option, values);
    va_end(values);
    return code;
}

// Every CURLINFO_… takes a pointer to where the value goes.
int curl_easy_getinfo(handle_t easy, int info, ...) {
    pthread_once(&once, load);
    va_list values;
    va_start(values, info);
    void *destination = va_arg(values, void *);
    va_end(values);
    return real_curl_easy_getinfo(easy, info, destination);
}

#pragma GCC visibility pop
