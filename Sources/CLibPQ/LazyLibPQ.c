// libpq on first use: the functions of CLibPQ.h call libpq's through pointers that
// mg_libpq_load fills with dlopen/dlsym. They are hidden (not exported from the binary), so
// libpq's calls to its own functions never land here.
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#pragma GCC visibility push(hidden)
#include "CLibPQ.h"
#pragma GCC visibility pop

#if defined(__APPLE__)
static const char *const default_file = "libpq.5.dylib";
#else
static const char *const default_file = "libpq.so.5";
#endif

// Every function, as X(return type, name, parameters, arguments); VOID for those returning nothing.
#define MG_LIBPQ_FUNCTIONS(X, VOID)                                                            \
    X(PGconn *, PQconnectdb, (const char *conninfo), (conninfo))                               \
    VOID(PQfinish, (PGconn * conn), (conn))                                                    \
    X(ConnStatusType, PQstatus, (const PGconn *conn), (conn))                                  \
    X(char *, PQerrorMessage, (const PGconn *conn), (conn))                                    \
    X(PQnoticeProcessor, PQsetNoticeProcessor, (PGconn * conn, PQnoticeProcessor proc, void *arg), \
      (conn, proc, arg))                                                                       \
    X(PGresult *, PQexec, (PGconn * conn, const char *query), (conn, query))                   \
    X(PGresult *, PQexecParams,                                                                \
      (PGconn * conn, const char *command, int nParams, const Oid *paramTypes,                 \
       const char *const *paramValues, const int *paramLengths, const int *paramFormats,       \
       int resultFormat),                                                                      \
      (conn, command, nParams, paramTypes, paramValues, paramLengths, paramFormats, resultFormat)) \
    X(PGresult *, PQgetResult, (PGconn * conn), (conn))                                        \
    X(int, PQputCopyData, (PGconn * conn, const char *buffer, int nbytes), (conn, buffer, nbytes)) \
    X(int, PQputCopyEnd, (PGconn * conn, const char *errormsg), (conn, errormsg))              \
    X(ExecStatusType, PQresultStatus, (const PGresult *res), (res))                            \
    X(char *, PQresultErrorMessage, (const PGresult *res), (res))                              \
    X(char *, PQresultErrorField, (const PGresult *res, int fieldcode), (res, fieldcode))      \
    X(int, PQntuples, (const PGresult *res), (res))                                            \
    X(int, PQnfields, (const PGresult *res), (res))                                            \
    X(char *, PQgetvalue, (const PGresult *res, int tup_num, int field_num), (res, tup_num, field_num)) \
    X(int, PQgetlength, (const PGresult *res, int tup_num, int field_num), (res, tup_num, field_num)) \
    X(int, PQgetisnull, (const PGresult *res, int tup_num, int field_num), (res, tup_num, field_num)) \
    VOID(PQclear, (PGresult * res), (res))

#define MG_POINTER(type, name, parameters, arguments) static type(*pointer_##name) parameters;
#define MG_VOID_POINTER(name, parameters, arguments) static void(*pointer_##name) parameters;
MG_LIBPQ_FUNCTIONS(MG_POINTER, MG_VOID_POINTER)

#define MG_FORWARD(type, name, parameters, arguments) \
    type name parameters { return pointer_##name arguments; }
#define MG_VOID_FORWARD(name, parameters, arguments) \
    void name parameters { pointer_##name arguments; }
MG_LIBPQ_FUNCTIONS(MG_FORWARD, MG_VOID_FORWARD)

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int outcome = 1;
static char failure[1024];

// The file to open: MARGINALIA_LIBPQ, or libpq's usual name.
static const char *libpq_file(void) {
    const char *named = getenv("MARGINALIA_LIBPQ");
    return named != NULL && named[0] != '\0' ? named : default_file;
}

static void load(void) {
    const char *file = libpq_file();
    void *library = dlopen(file, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        const char *reason = dlerror();
        snprintf(failure, sizeof failure,
                 "cannot load the PostgreSQL client library %s: %s (install libpq, Debian: libpq5, "
                 "or set MARGINALIA_LIBPQ to its file)",
                 file, reason != NULL ? reason : "unknown error");
        return;
    }
#define MG_RESOLVE(name)                                                                   \
    pointer_##name = dlsym(library, #name);                                                \
    if (pointer_##name == NULL) {                                                          \
        snprintf(failure, sizeof failure,                                                  \
                 "%s is not the PostgreSQL client library libpq: it has no function %s", \
                 file, #name);                                                             \
        dlclose(library);                                                                  \
        return;                                                                            \
    }
#define MG_RESOLVE_TYPED(type, name, parameters, arguments) MG_RESOLVE(name)
#define MG_RESOLVE_VOID(name, parameters, arguments) MG_RESOLVE(name)
    MG_LIBPQ_FUNCTIONS(MG_RESOLVE_TYPED, MG_RESOLVE_VOID)
    outcome = 0;
}

int mg_libpq_load(char *message, size_t capacity) {
    pthread_once(&once, load);
    if (outcome != 0 && message != NULL && capacity > 0) {
        snprintf(message, capacity, "%s", failure);
    }
    return outcome;
}
