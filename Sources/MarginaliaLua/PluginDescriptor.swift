import Marginalia

/// What a loaded plugin declares about itself (its validated manifest) and where it
/// came from. Plain data, safe to share across threads.
///
/// ```swift
/// let defense = try host.load(path: "Plugins/defense.lua")
/// print(defense.identity, defense.labels)   // defense 1.0.0 (…) ["topic:defense", "defense.term"]
/// ```
public struct PluginDescriptor: Sendable, Hashable {
    /// Name, version and SHA-256 of the source (and of the data files it read).
    public var identity: PluginIdentity
    public var description: String
    /// Every label the plugin may emit.
    public var labels: [String]
    /// Plugins whose labels it reads.
    public var requires: [String]
    /// Effective parameters (defaults merged with overrides), a JSON object.
    public var params: [String: JSONValue]
    /// The plugin's own examples, which double as tests.
    public var examples: [PluginExample]
    /// The file it was loaded from.
    public var path: String
    /// Data files read with `marginalia.load_terms`, relative to the plugin's folder.
    public var dataFiles: [String]

    public var name: String { identity.name }
    public var version: String { identity.version }

    /// SHA-256 of the canonical JSON of `params`: part of provenance and resume keys.
    public var paramsSHA256: String { ContentHash.sha256Hex(Array(JSONValue.object(params).serialized().utf8)) }
}

/// One example of a plugin's manifest: a text and what the plugin should (not) find in it.
///
/// ```lua
/// { text = "Hanoi voted for the UNESCO resolution.", expect = { "topic:un_votes" },
///   spans = { { label = "un_votes.term", text = "UNESCO" } } }
/// ```
public struct PluginExample: Sendable, Hashable {
    public var text: String
    public var language: String?
    public var meta: [String: String]
    /// Labels that must be present.
    public var expect: [String]
    /// Labels that must be absent.
    public var reject: [String]
    /// Spans that must be present: label and covered text.
    public var spans: [ExpectedSpan]

    /// A span an example expects.
    public struct ExpectedSpan: Sendable, Hashable {
        public var label: String
        public var text: String
    }
}
