#ifndef MARGINALIA_CLIBPQ_H
#define MARGINALIA_CLIBPQ_H

#include <stddef.h>

/// The part of the PostgreSQL client library (libpq, `libpq-fe.h`) the PostgreSQL store
/// uses, loaded on first use: the process is not linked with libpq, so a run on a SQLite
/// store never maps it (nor libssl, libgssapi, ldap … that it brings). The functions below
/// have libpq's names and signatures; each calls libpq's own, found with `dlopen`/`dlsym`
/// by `mg_libpq_load`, which must have succeeded before any other is called.
///
/// The library is `libpq.so.5` (macOS: `libpq.5.dylib`) on the loader's search path, or
/// the file named by the environment variable `MARGINALIA_LIBPQ`.
///
///     char message[512];
///     if (mg_libpq_load(message, sizeof message) != 0) { fprintf(stderr, "%s\n", message); exit(1); }
///     PGconn *connection = PQconnectdb("postgresql://me@127.0.0.1/news");

/// Loads libpq and resolves every function below, once per process (thread-safe; later
/// calls return the first call's outcome). Returns 0 when they are all there; otherwise
/// 1, with a message naming the file (and the missing function, if one is) in `message`.
int mg_libpq_load(char *message, size_t capacity);

// libpq's types and constants (its ABI, stable since PostgreSQL 7.4).
typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;
typedef unsigned int Oid;
typedef void (*PQnoticeProcessor)(void *arg, const char *message);

typedef enum { CONNECTION_OK = 0, CONNECTION_BAD = 1 } ConnStatusType;

typedef enum {
    PGRES_EMPTY_QUERY = 0,
    PGRES_COMMAND_OK = 1,
    PGRES_TUPLES_OK = 2,
    PGRES_COPY_OUT = 3,
    PGRES_COPY_IN = 4,
    PGRES_BAD_RESPONSE = 5,
    PGRES_NONFATAL_ERROR = 6,
    PGRES_FATAL_ERROR = 7
} ExecStatusType;

PGconn *PQconnectdb(const char *conninfo);
void PQfinish(PGconn *conn);
ConnStatusType PQstatus(const PGconn *conn);
char *PQerrorMessage(const PGconn *conn);
PQnoticeProcessor PQsetNoticeProcessor(PGconn *conn, PQnoticeProcessor proc, void *arg);
PGresult *PQexec(PGconn *conn, const char *query);
PGresult *PQexecParams(PGconn *conn, const char *command, int nParams, const Oid *paramTypes,
                       const char *const *paramValues, const int *paramLengths,
                       const int *paramFormats, int resultFormat);
PGresult *PQgetResult(PGconn *conn);
int PQputCopyData(PGconn *conn, const char *buffer, int nbytes);
int PQputCopyEnd(PGconn *conn, const char *errormsg);
ExecStatusType PQresultStatus(const PGresult *res);
char *PQresultErrorMessage(const PGresult *res);
char *PQresultErrorField(const PGresult *res, int fieldcode);
int PQntuples(const PGresult *res);
int PQnfields(const PGresult *res);
char *PQgetvalue(const PGresult *res, int tup_num, int field_num);
int PQgetlength(const PGresult *res, int tup_num, int field_num);
int PQgetisnull(const PGresult *res, int tup_num, int field_num);
void PQclear(PGresult *res);

#endif
