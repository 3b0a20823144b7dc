import CLua
import CLuaShim
import Foundation
import Marginalia

/// `marginalia.include` and the file reading it shares with `marginalia.load_terms`.
extension PluginHost {
    /// marginalia.include("lib/x.lua") → what the file returns. Runs the file in the
    /// including plugin's environment; only while a plugin loads.
    func include() -> Int32 {
        guard let context = loading else {
            return fail("marginalia.include can only be called while the plugin file loads (at its top level)")
        }
        guard let relative = lua.string(at: 1), let bytes = readPluginFile(function: "marginalia.include") else { return -1 }
        let path = context.directory.isEmpty ? relative : (context.directory as NSString).appendingPathComponent(relative)
        if context.including.contains(path) {
            return fail("marginalia.include: '\(relative)' includes itself: \((context.including + [path]).joined(separator: " → "))")
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
        let path = context.directory.isEmpty ? relative : (context.directory as NSString).appendingPathComponent(relative)
        guard let data = FileManager.default.contents(atPath: path) else {
            _ = fail("\(function): cannot read '\(path)'")
            return nil
        }
        let bytes = [UInt8](data)
        if let offset = UTF8Validation.firstInvalidByteOffset(bytes) {
            _ = fail("\(function): '\(path)' has invalid UTF-8 at byte offset \(offset)")
            return nil
        }
        loading?.dataFiles.append((relative, bytes))
        return bytes
    }
}
