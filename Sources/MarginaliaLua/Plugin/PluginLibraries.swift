import Foundation
import Marginalia

/// `marginalia.use`: libraries (`lib/NAME/NAME.lua`) shared by several plugins, found beside
/// the plugin, then along the search path.
///
/// ```lua
/// local topic = marginalia.use("topic")   -- Plugins/lib/topic/topic.lua
/// ```
extension HostContext {
    /// marginalia.use("topic") → what the library `lib/topic/topic.lua` returns. Libraries
    /// are found beside the plugin (`lib/` in its folder, then in the folder holding it),
    /// then along `libraryPath`; the manifest must name them in `uses`. Their files count
    /// in the plugin's SHA-256 as `lib/NAME/…`.
    func use() -> Int32 {
        guard let context = loading else {
            return fail("marginalia.use can only be called while the plugin file loads (at its top level)")
        }
        guard let name = lua.string(at: 1), PluginHost.isValidName(name) else {
            return fail("marginalia.use: expected a library name (lower-case letters, digits and '_'), e.g. marginalia.use(\"topic\")")
        }
        let candidates = libraryFolders(named: name, for: context)
        let found = candidates.firstIndex(where: { FileManager.default.fileExists(atPath: Self.libraryFile(name, in: $0)) })
        // The folders searched before the one it is in: a library put there later is another plugin.
        for candidate in candidates[..<(found ?? candidates.endIndex)] { loading?.reads.append((Self.libraryFile(name, in: candidate), nil)) }
        guard let found else {
            let places = candidates.map { Self.libraryFile(name, in: $0) }.joined(separator: ", ")
            return fail("marginalia.use: no library '\(name)' (looked for \(places)); install it with the plugin (`marginalia plugins install`) or put it in a lib/ folder on the search path")
        }
        let folder = candidates[found]
        let file = Self.libraryFile(name, in: folder)
        guard let data = FileManager.default.contents(atPath: file) else {
            loading?.reads.append((file, nil))
            return fail("marginalia.use: cannot read '\(file)'")
        }
        let bytes = [UInt8](data)
        loading?.reads.append((file, bytes))
        if let offset = UTF8Validation.firstInvalidByteOffset(bytes) {
            return fail("marginalia.use: '\(file)' has invalid UTF-8 at byte offset \(offset)")
        }
        let prefix = "\(PluginLocator.libraryFolderName)/\(name)/"
        loading?.dataFiles.append((prefix + name + ".lua", bytes))
        if !context.libraries.contains(where: { $0.name == name }) { loading?.libraries.append((name, folder)) }
        let (savedDirectory, savedPrefix) = (context.directory, context.recordPrefix)
        loading?.directory = folder
        loading?.recordPrefix = prefix
        defer {
            loading?.directory = savedDirectory
            loading?.recordPrefix = savedPrefix
        }
        return run(included: bytes, path: file, named: name)
    }

    /// Where `marginalia.use(name)` looks, first match wins.
    private func libraryFolders(named name: String, for context: LoadContext) -> [String] {
        let plugin = context.pluginFolder
        var parents = [plugin]
        let stem = ((context.pluginFile as NSString).lastPathComponent as NSString).deletingPathExtension
        if (plugin as NSString).lastPathComponent == stem {   // a plugin folder NAME/NAME.lua
            let holder = (plugin as NSString).deletingLastPathComponent
            parents.append(holder.isEmpty ? "." : holder)
        }
        parents += libraryPath
        var seen = Set<String>()
        return parents.compactMap { parent in
            let folder = ((parent.isEmpty ? "." : parent) as NSString).appendingPathComponent("\(PluginLocator.libraryFolderName)/\(name)")
            return seen.insert((folder as NSString).standardizingPath).inserted ? folder : nil
        }
    }

    static func libraryFile(_ name: String, in folder: String) -> String {
        (folder as NSString).appendingPathComponent(name + ".lua")
    }
}
