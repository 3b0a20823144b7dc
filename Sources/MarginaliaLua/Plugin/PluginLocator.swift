import Foundation

/// Finds plugins along the search path: `--plugins` options, then
/// `$MARGINALIA_PLUGIN_PATH` (colon-separated), then `./Plugins`, then the bundled set.
/// The first plugin of a name wins; a later one with the same name is reported as shadowed.
///
/// In a folder on the search path, a plugin is either a file `NAME.lua` or a plugin
/// folder `NAME/` holding `NAME/NAME.lua` (with its term files, helpers, README and
/// samples). The folder `lib/` holds libraries (`lib/NAME/NAME.lua`), which are not plugins.
/// A search-path entry may also be one plugin file or one plugin folder.
///
/// ```swift
/// let found = PluginLocator(explicit: ["my_plugins"]).locate()
/// for warning in found.warnings { print("warning:", warning) }
/// let paths = found.plugins.map(\.path)
/// ```
public struct PluginLocator: Sendable {
    /// A plugin file found on the search path.
    public struct Found: Sendable, Hashable {
        /// Its name: the file stem (the manifest must agree when loaded).
        public var name: String
        public var path: String

        /// A plugin file known by other means than a search, e.g. one being installed.
        ///
        /// ```swift
        /// let staged = PluginLocator.Found(name: "sanctions", path: "/tmp/src/sanctions/sanctions.lua")
        /// ```
        public init(name: String, path: String) {
            self.name = name
            self.path = path
        }
    }

    public var explicit: [String]
    public var environment: [String: String]
    public var currentDirectory: String

    public init(explicit: [String] = [], environment: [String: String] = ProcessInfo.processInfo.environment,
                currentDirectory: String = FileManager.default.currentDirectoryPath) {
        self.explicit = explicit
        self.environment = environment
        self.currentDirectory = currentDirectory
    }

    /// The directories and files searched, in order.
    public var searchPath: [String] {
        var path = explicit
        if let extra = environment["MARGINALIA_PLUGIN_PATH"] {
            path += extra.split(separator: ":").map(String.init).filter { !$0.isEmpty }
        }
        path.append((currentDirectory as NSString).appendingPathComponent("Plugins"))
        if let bundled = Self.bundledDirectory(environment: environment) { path.append(bundled) }
        return path
    }

    /// Every plugin on the search path, first of each name, with warnings for shadowed
    /// files and for explicit paths that do not exist.
    public func locate() -> (plugins: [Found], warnings: [String]) {
        var plugins: [Found] = []
        var warnings: [String] = []
        var seenFiles = Set<String>()
        var byName: [String: String] = [:]
        for (position, entry) in searchPath.enumerated() {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: entry, isDirectory: &isDirectory) else {
                if position < explicit.count { warnings.append("plugin path '\(entry)' does not exist") }
                continue
            }
            let files: [String]
            if let folderPlugin = Self.pluginFile(inFolder: entry) {
                files = [folderPlugin]
            } else if isDirectory.boolValue {
                files = Self.plugins(inDirectory: entry)
            } else {
                files = [entry]
            }
            for file in files {
                let absolute = file.hasPrefix("/") ? file : (currentDirectory as NSString).appendingPathComponent(file)
                let real = ((absolute as NSString).standardizingPath as NSString).resolvingSymlinksInPath
                guard seenFiles.insert(real).inserted else { continue }
                let name = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
                if let first = byName[name] {
                    warnings.append("plugin '\(name)' in \(file) is shadowed by \(first), which comes first on the search path")
                    continue
                }
                byName[name] = file
                plugins.append(Found(name: name, path: Self.displayPath(file)))
            }
        }
        return (plugins, warnings)
    }

    /// The plugin files of a folder on the search path, sorted by name: its `NAME.lua`
    /// files and the `NAME/NAME.lua` of its plugin folders.
    ///
    /// ```swift
    /// PluginLocator.plugins(inDirectory: "Plugins")   // ["Plugins/defense/defense.lua", …]
    /// ```
    public static func plugins(inDirectory directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var files: [String] = []
        for name in names.sorted() where !name.hasPrefix(".") && name != libraryFolderName {
            let path = (directory as NSString).appendingPathComponent(name)
            if name.hasSuffix(".lua") {
                files.append(path)
            } else if let file = pluginFile(inFolder: path) {
                files.append(file)
            }
        }
        return files
    }

    /// `FOLDER/NAME.lua` when `folder` is a plugin folder (its name is NAME); else nil.
    ///
    /// ```swift
    /// PluginLocator.pluginFile(inFolder: "Plugins/defense")   // "Plugins/defense/defense.lua"
    /// ```
    public static func pluginFile(inFolder folder: String) -> String? {
        var isDirectory: ObjCBool = false
        let trimmed = folder.hasSuffix("/") && folder.count > 1 ? String(folder.dropLast()) : folder
        let name = (trimmed as NSString).lastPathComponent
        guard FileManager.default.fileExists(atPath: trimmed, isDirectory: &isDirectory), isDirectory.boolValue,
              !name.isEmpty, name != libraryFolderName else { return nil }
        let file = (trimmed as NSString).appendingPathComponent(name + ".lua")
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), !isDirectory.boolValue else { return nil }
        return file
    }

    /// The folder, in a search-path directory or a plugin folder, that holds libraries.
    public static let libraryFolderName = "lib"

    /// The folders on the search path (the parents of files given as entries), in order:
    /// where `marginalia.use` looks for `lib/NAME/NAME.lua` after the plugin's own folders.
    public var libraryPath: [String] {
        searchPath.map { entry in
            var isDirectory: ObjCBool = false
            let isFile = FileManager.default.fileExists(atPath: entry, isDirectory: &isDirectory) && !isDirectory.boolValue
            guard isFile || Self.pluginFile(inFolder: entry) != nil else { return entry }
            let parent = (entry as NSString).deletingLastPathComponent
            return parent.isEmpty ? "." : parent
        }
    }

    /// The bundled plugins: `$MARGINALIA_HOME/Plugins`, else a `Plugins` folder next to a
    /// `Package.swift` above the executable (a build tree), else `../share/marginalia/Plugins`
    /// beside an installed binary.
    public static func bundledDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let manager = FileManager.default
        if let home = environment["MARGINALIA_HOME"] {
            let plugins = (home as NSString).appendingPathComponent("Plugins")
            if manager.fileExists(atPath: plugins) { return plugins }
        }
        let executable = (try? manager.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var directory = (executable as NSString).deletingLastPathComponent
        while directory.count > 1 {
            let plugins = (directory as NSString).appendingPathComponent("Plugins")
            let package = (directory as NSString).appendingPathComponent("Package.swift")
            if manager.fileExists(atPath: package), manager.fileExists(atPath: plugins) { return plugins }
            let shared = (directory as NSString).appendingPathComponent("share/marginalia/Plugins")
            if manager.fileExists(atPath: shared) { return shared }
            directory = (directory as NSString).deletingLastPathComponent
        }
        return nil
    }

    /// A path relative to the current directory when it lies below it.
    static func displayPath(_ path: String) -> String {
        let current = FileManager.default.currentDirectoryPath + "/"
        let absolute = path.hasPrefix("/") ? path : current + path
        let standardized = (absolute as NSString).standardizingPath
        return standardized.hasPrefix(current) ? String(standardized.dropFirst(current.count)) : standardized
    }
}
