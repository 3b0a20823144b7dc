import CLua
import CLuaShim
import Foundation
import Marginalia

/// `marginalia.include`, `marginalia.use` and the file reading they share with
/// `marginalia.load_terms`.
extension PluginHost {
    /// marginalia.include("helpers.lua") → what the file returns. Runs the file in the
    /// including plugin's environment; only while a plugin loads. The path is relative to
    /// the plugin's folder (or, in a library's own top level, to the library's folder).
    func include() -> Int32 {
        guard loading != nil else {
            return fail("marginalia.include can only be called while the plugin file loads (at its top level)")
        }
        guard let relative = lua.string(at: 1), let bytes = readPluginFile(function: "marginalia.include") else { return -1 }
        return run(included: bytes, path: resolved(relative), named: relative)
    }

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
        guard let folder = candidates.first(where: { FileManager.default.fileExists(atPath: Self.libraryFile(name, in: $0)) }) else {
            let places = candidates.map { Self.libraryFile(name, in: $0) }.joined(separator: ", ")
            return fail("marginalia.use: no library '\(name)' (looked for \(places)); install it with the plugin (`marginalia plugins install`) or put it in a lib/ folder on the search path")
        }
        let file = Self.libraryFile(name, in: folder)
        guard let data = FileManager.default.contents(atPath: file) else { return fail("marginalia.use: cannot read '\(file)'") }
        let bytes = [UInt8](data)
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

    /// Runs included source in the loading plugin's environment; 1 result, or -1 on error.
    private func run(included bytes: [UInt8], path: String, named shown: String) -> Int32 {
        guard let context = loading else { return -1 }
        if context.including.contains(path) {
            return fail("marginalia.include: '\(shown)' includes itself: \((context.including + [path]).joined(separator: " → "))")
        }
        let status = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { mg_load_text(lua.L, $0.baseAddress, $0.count, "@" + path) }
        }
        guard status == LUA_OK else { return -1 }   // the syntax error, with the included file's line
        lua.push(reference: context.environmentRef)
        _ = lua_setupvalue(lua.L, -2, 1)
        loading?.including.append(path)
        let callStatus = mg_pcall(lua.L, 0, 1)
        loading?.including.removeLast()
        return callStatus == LUA_OK ? 1 : -1       // on failure the error message is on the stack
    }

    /// `relative` inside the current load folder.
    private func resolved(_ relative: String) -> String {
        guard let directory = loading?.directory, !directory.isEmpty else { return relative }
        return (directory as NSString).appendingPathComponent(relative)
    }

    /// Reads the file named by argument 1, relative to the loading plugin's folder, for
    /// `function`; records it among the plugin's data files (part of its SHA-256).
    /// On a problem, pushes the error and returns nil.
    func readPluginFile(function: String) -> [UInt8]? {
        guard let context = loading else {
            _ = fail("\(function) can only be called while the plugin file loads (at its top level)")
            return nil
        }
        guard let relative = lua.string(at: 1), !relative.isEmpty else {
            _ = fail("\(function): expected a path relative to the plugin's folder")
            return nil
        }
        guard !relative.hasPrefix("/"), !relative.split(separator: "/").contains("..") else {
            _ = fail("\(function): '\(relative)' must stay inside the plugin's folder (no absolute paths, no '..')")
            return nil
        }
        let path = resolved(relative)
        guard let data = FileManager.default.contents(atPath: path) else {
            _ = fail("\(function): cannot read '\(path)'")
            return nil
        }
        let bytes = [UInt8](data)
        if let offset = UTF8Validation.firstInvalidByteOffset(bytes) {
            _ = fail("\(function): '\(path)' has invalid UTF-8 at byte offset \(offset)")
            return nil
        }
        loading?.dataFiles.append((context.recordPrefix + relative, bytes))
        return bytes
    }

    /// Plugin and library names: lower-case letters, digits and '_', starting with a letter.
    ///
    /// ```swift
    /// PluginHost.isValidName("un_votes")   // true
    /// PluginHost.isValidName("Topic")      // false
    /// ```
    public static func isValidName(_ name: String) -> Bool {
        name.first.map { $0.isASCII && $0.isLowercase } == true
            && name.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }
    }
}
