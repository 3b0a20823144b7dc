import Foundation

/// Where `marginalia plugins install` takes plugins from, parsed from what the user typed:
///
/// - a plugin file `ports.lua`, or a folder: a plugin folder `ports/` (holding `ports.lua`)
///   or a folder of plugins (plugin folders, `.lua` files and `lib/` libraries, as `Plugins/`);
/// - an archive `.tar.gz`, `.tgz` or `.zip` holding such a folder (`plugins pack` writes them);
/// - a git repository: a URL (`https://…`, `ssh://…`, `git@host:…`, `git://…`, `file://…`),
///   a path ending in `.git`, or a local repository path, each with an optional
///   `@TAG`, `@BRANCH` or `@COMMIT`.
///
/// ```swift
/// let source = try PluginSource(parsing: "https://example.org/ports.git@v1.0.0")
/// // kind .git, location "https://example.org/ports.git", ref "v1.0.0"
/// ```
public struct PluginSource: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, CaseIterable {
        case git, archive, folder, file
    }

    public var kind: Kind
    /// A URL for git, else an absolute path.
    public var location: String
    /// The git tag, branch or commit asked for; nil for the default branch.
    public var ref: String?

    public init(kind: Kind, location: String, ref: String? = nil) {
        self.kind = kind
        self.location = location
        self.ref = ref
    }

    /// How the user would type it again.
    public var description: String { ref.map { "\(location)@\($0)" } ?? location }

    /// Reads `text`; relative paths are taken from `currentDirectory`.
    public init(parsing text: String, currentDirectory: String = FileManager.default.currentDirectoryPath) throws(PluginSourceError) {
        let manager = FileManager.default
        func absolute(_ path: String) -> String {
            let expanded = (path as NSString).expandingTildeInPath
            return ((expanded.hasPrefix("/") ? expanded : (currentDirectory as NSString).appendingPathComponent(expanded)) as NSString).standardizingPath
        }
        let isURL = ["https://", "http://", "ssh://", "git://", "file://", "git+"].contains { text.hasPrefix($0) }
            || (text.contains("@") && text.contains(":") && !text.hasPrefix("/") && text.split(separator: ":").first?.contains("/") == false)
        // "@REF" after the last "/" (so that git@host:… keeps its user).
        var location = text, ref: String?
        if let at = text.lastIndex(of: "@"), !text[at...].contains("/"), text[..<at].contains("/") || !isURL {
            location = String(text[..<at])
            ref = String(text[text.index(after: at)...])
            if ref?.isEmpty == true { throw PluginSourceError(source: text, message: "nothing after '@': give a tag, branch or commit, e.g. \(location)@v1.0.0") }
        }
        if location.hasPrefix("git+") { location = String(location.dropFirst(4)) }
        if isURL {
            self.init(kind: .git, location: location, ref: ref)
            return
        }
        let path = absolute(location)
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw PluginSourceError(source: text, message: "no such file, folder or repository (\(path))")
        }
        let repository = isDirectory.boolValue ? Self.isGitRepository(path) : nil
        if repository != nil && (ref != nil || repository == .bare || location.hasSuffix(".git")) {
            self.init(kind: .git, location: path, ref: ref)
        } else if ref != nil {
            throw PluginSourceError(source: text, message: "'@\(ref!)' names a git tag, branch or commit, but \(path) is not a git repository")
        } else if isDirectory.boolValue {
            self.init(kind: .folder, location: path)
        } else if [".tar.gz", ".tgz", ".zip"].contains(where: { path.lowercased().hasSuffix($0) }) {
            self.init(kind: .archive, location: path)
        } else if path.hasSuffix(".lua") {
            self.init(kind: .file, location: path)
        } else {
            throw PluginSourceError(source: text, message: "not a plugin source: expected a .lua file, a folder, a .tar.gz/.tgz/.zip archive or a git repository")
        }
    }

    enum Repository { case bare, workTree }

    /// Whether `path` is a bare git repository or a work tree's top folder.
    static func isGitRepository(_ path: String) -> Repository? {
        let manager = FileManager.default
        if manager.fileExists(atPath: (path as NSString).appendingPathComponent(".git")) { return .workTree }
        let markers = ["HEAD", "objects", "refs"].map { (path as NSString).appendingPathComponent($0) }
        return markers.allSatisfy(manager.fileExists(atPath:)) ? .bare : nil
    }
}

/// A source that cannot be used, named as the user typed it.
public struct PluginSourceError: Error, Sendable, CustomStringConvertible {
    public var source: String
    public var message: String

    public init(source: String, message: String) {
        self.source = source
        self.message = message
    }

    public var description: String { "\(source): \(message)" }
}
