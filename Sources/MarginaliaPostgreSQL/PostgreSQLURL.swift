/// PostgreSQL store addresses: `postgresql://USER@HOST:PORT/DB` (or `postgres://`), with
/// libpq's query parameters (`?sslmode=require`, …).
///
/// ```swift
/// PostgreSQLURL.isPostgreSQL("postgresql://me@db/news")                 // true
/// PostgreSQLURL.redacted("postgresql://me:secret@db/news?password=x")    // "postgresql://me:***@db/news?password=***"
/// ```
public enum PostgreSQLURL {
    /// True when `store` names a PostgreSQL database rather than a SQLite file.
    public static func isPostgreSQL(_ store: String) -> Bool {
        store.hasPrefix("postgresql://") || store.hasPrefix("postgres://")
    }

    /// The address with any password replaced by `***`: safe to print and to record.
    public static func redacted(_ url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        var rest = String(url[scheme.upperBound...])
        var query = ""
        if let mark = rest.firstIndex(of: "?") {
            query = String(rest[mark...])
            rest = String(rest[..<mark])
        }
        // The user-info ends at the last '@' before the path.
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        if let at = rest[..<authorityEnd].lastIndex(of: "@"), let colon = rest[..<at].firstIndex(of: ":") {
            rest = String(rest[..<colon]) + ":***" + String(rest[at...])
        }
        if !query.isEmpty {
            let parameters = query.dropFirst().split(separator: "&", omittingEmptySubsequences: false).map { parameter -> String in
                parameter.lowercased().hasPrefix("password=") ? "password=***" : String(parameter)
            }
            query = "?" + parameters.joined(separator: "&")
        }
        return String(url[..<scheme.upperBound]) + rest + query
    }
}
