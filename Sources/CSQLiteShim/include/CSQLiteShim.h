#ifndef MARGINALIA_CSQLITESHIM_H
#define MARGINALIA_CSQLITESHIM_H

/// SQLite's process-wide settings that `sqlite3_config` takes as C varargs (which Swift
/// cannot call). Each must run before the process's first SQLite connection; afterwards
/// SQLite refuses it with SQLITE_MISUSE and nothing changes.

/// Turns off SQLite's memory statistics: without them an allocation takes no global
/// mutex (`sqlite3_memory_used()` then reports 0). Returns SQLite's result code.
int mg_sqlite_disable_memory_statistics(void);

#endif
