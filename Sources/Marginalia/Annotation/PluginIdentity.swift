/// Which script made an annotation: name, version and the SHA-256 of its source.
///
/// ```swift
/// let who = PluginIdentity(name: "defense", version: "1.0.0", sha256: "9f2c…")
/// print(who)   // defense 1.0.0 (9f2c…)
/// ```
public struct PluginIdentity: Sendable, Hashable, Codable, CustomStringConvertible {
    public var name: String
    public var version: String
    public var sha256: String

    public init(name: String, version: String, sha256: String) {
        self.name = name
        self.version = version
        self.sha256 = sha256
    }

    public var description: String { "\(name) \(version) (\(sha256.prefix(12)))" }
}
