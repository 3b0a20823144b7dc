import Marginalia

/// What a loaded plugin declares about itself (its validated manifest) and where it
/// came from. Plain data, safe to share across threads.
///
/// ```swift
/// let defense = try host.load(path: "Plugins/defense/defense.lua")
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
    /// Data files read with `marginalia.load_terms` and `include`, relative to the plugin's
    /// folder; a library's files are `lib/NAME/…`.
    public var dataFiles: [String]
    /// Libraries the manifest declares in `uses` (and the plugin loads with `marginalia.use`).
    public var uses: [String] = []
    /// The folder each used library was found in, by name.
    public var libraryFolders: [String: String] = [:]
    /// Every file the plugin's SHA-256 covers, with its own SHA-256, sorted by path: the
    /// plugin file (by its name), its data files and its libraries' files. The lock keeps
    /// them to name the file that changed.
    public var files: [PluginFile] = []
    /// Every file its loading opened or looked for, as opened, with its SHA-256 (nil: it
    /// was not there): while they are all as they were, loading it again gives this
    /// descriptor (see ``PluginLoadRead``).
    public var loadReads: [PluginLoadRead] = []

    public var name: String { identity.name }
    public var version: String { identity.version }

    /// SHA-256 of the canonical JSON of `params`: part of provenance and resume keys.
    public var paramsSHA256: String { ContentHash.sha256Hex(Array(JSONValue.object(params).serialized().utf8)) }
}

/// One file a plugin read while loading, with the SHA-256 of its bytes.
///
/// ```swift
/// for file in descriptor.files { print(file.path, file.sha256.prefix(12)) }   // lexicons/defense.en.txt 3f2a…
/// ```
public struct PluginFile: Sendable, Hashable {
    /// Relative to the plugin's folder (`lib/NAME/…` for a library's files).
    public var path: String
    public var sha256: String

    public init(path: String, sha256: String) {
        self.path = path
        self.sha256 = sha256
    }

    /// The plugin file `main` and the data files it read, each once, sorted by path.
    static func list(main: String, source: [UInt8], data: [(path: String, bytes: [UInt8])]) -> [PluginFile] {
        var byPath = [main: ContentHash.sha256Hex(source)]
        for file in data where byPath[file.path] == nil { byPath[file.path] = ContentHash.sha256Hex(file.bytes) }
        return byPath.map { PluginFile(path: $0.key, sha256: $0.value) }.sorted { $0.path < $1.path }
    }
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
