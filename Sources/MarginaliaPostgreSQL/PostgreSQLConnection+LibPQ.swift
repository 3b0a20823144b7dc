import CLibPQ
import Marginalia

/// The PostgreSQL client library, loaded when the first connection needs it: the binary is
/// not linked with libpq, so only a run on a PostgreSQL store maps it (with libssl, Kerberos,
/// LDAP … that it brings). The file is `libpq.so.5` on the loader's path, or the one named by
/// `MARGINALIA_LIBPQ`. Loading happens once per process; a failure is a ``StoreError``
/// naming the file, and every later connection reports the same.
///
/// ```swift
/// try LibPQ.load(for: "postgresql://me@127.0.0.1/news")   // before any PQ… call
/// let connection = PQconnectdb("postgresql://me@127.0.0.1/news")
/// ```
enum LibPQ {
    /// Loads libpq unless it is loaded; throws a ``StoreError`` for `store` when it cannot be.
    static func load(for store: String) throws {
        var message = [CChar](repeating: 0, count: 1024)
        guard mg_libpq_load(&message, message.count) != 0 else { return }
        let reason = message.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        throw StoreError(path: store, message: reason)
    }
}
