import Foundation
import Marginalia

/// The files of a plugin's folder a plugin reads while it loads: `marginalia.include`,
/// `marginalia.load_terms` and the checks they share with `marginalia.use` (inside the
/// folder, valid UTF-8, recorded among the plugin's data files, part of its SHA-256).
extension HostContext {
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

    /// Runs included source in the loading plugin's environment; 1 result, or -1 on error.
    func run(included bytes: [UInt8], path: String, named shown: String) -> Int32 {
        guard let context = loading else { return -1 }
        if context.including.contains(path) {
            return fail("marginalia.include: '\(shown)' includes itself: \((context.including + [path]).joined(separator: " → "))")
        }
        guard lua.load(bytes: bytes, chunkName: "@" + path) == .loaded else { return -1 }   // the syntax error, with the included file's line
        lua.push(reference: context.environmentRef)
        lua.setEnvironment(ofFunctionAt: -2)
        loading?.including.append(path)
        let succeeded = lua.call(arguments: 0, results: 1)
        loading?.including.removeLast()
        return succeeded ? 1 : -1                  // on failure the error message is on the stack
    }

    /// `relative` inside the current load folder.
    func resolved(_ relative: String) -> String {
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
            loading?.reads.append((path, nil))
            _ = fail("\(function): cannot read '\(path)'")
            return nil
        }
        let bytes = [UInt8](data)
        loading?.reads.append((path, bytes))
        if let offset = UTF8Validation.firstInvalidByteOffset(bytes) {
            _ = fail("\(function): '\(path)' has invalid UTF-8 at byte offset \(offset)")
            return nil
        }
        loading?.dataFiles.append((context.recordPrefix + relative, bytes))
        return bytes
    }

    /// marginalia.load_terms("lexicons/x.txt") → { "term", … }; only while a plugin loads.
    func loadTerms() -> Int32 {
        guard let bytes = readPluginFile(function: "marginalia.load_terms") else { return -1 }
        let terms = PluginFiles.termLines(bytes)
        lua.newTable(arrayCount: Int32(terms.count))
        for (offset, term) in terms.enumerated() {
            lua.push(term)
            lua.setIndex(offset + 1, in: -2)
        }
        return 1
    }
}

/// The formats of a plugin's data files.
enum PluginFiles {
    /// The terms of a term file: its lines, trimmed, without blank lines and `#` comments.
    /// Lines are cut at the bytes of `\n` and `\r` (fast: gazetteers have many thousand
    /// lines), or at every Unicode line break when the file has the rare others.
    ///
    /// ```swift
    /// PluginFiles.termLines(Array("# crops\nwheat\r\n  maize \n".utf8))   // ["wheat", "maize"]
    /// ```
    static func termLines(_ bytes: [UInt8]) -> [String] {
        let hasOtherBreaks = bytes.indices.dropLast().contains { index in isOtherLineBreak(bytes, at: index) }
        var terms: [String] = []
        func keep(_ line: UnsafeBufferPointer<UInt8>) {
            let bytes = trimmed(line)
            guard let first = bytes.first else { return }
            let term = String(decoding: bytes, as: UTF8.self)
            // A comment starts with the character "#" ("#" and a combining mark is another one).
            if first != UInt8(ascii: "#") || !term.hasPrefix("#") { terms.append(term) }
        }
        if hasOtherBreaks {
            for line in String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline) {
                var line = String(line)
                line.withUTF8 { keep($0) }
            }
        } else {
            bytes.withUnsafeBufferPointer { all in
                for line in all.split(whereSeparator: { $0 == 0x0A || $0 == 0x0D }) { keep(UnsafeBufferPointer(rebasing: line)) }
            }
        }
        return terms
    }

    /// `line` without the whitespace at either end that `trimmingCharacters(in: .whitespaces)`
    /// removes (tab, the space separators, U+200B), read from the bytes: Foundation's
    /// trimming cost about 19,000 instructions a line, and gazetteers have thousands.
    static func trimmed(_ line: UnsafeBufferPointer<UInt8>) -> Slice<UnsafeBufferPointer<UInt8>> {
        var start = 0, end = line.count
        while start < end {
            let length = whitespaceLength(line, at: start)
            if length == 0 { break }
            start += length
        }
        while end > start {
            var lead = end - 1
            while lead > start && line[lead] & 0xC0 == 0x80 { lead -= 1 }
            guard whitespaceLength(line, at: lead) == end - lead else { break }
            end = lead
        }
        return line[start..<end]
    }

    /// The byte length of the whitespace scalar at `offset`, or 0 when it is not one.
    private static func whitespaceLength(_ line: UnsafeBufferPointer<UInt8>, at offset: Int) -> Int {
        let lead = line[offset]
        if lead < 0x80 { return lead == 0x20 || lead == 0x09 ? 1 : 0 }
        var decoder = UTF8()
        var bytes = line[offset...].makeIterator()
        guard case .scalarValue(let scalar) = decoder.decode(&bytes) else { return 0 }
        guard scalar.value == 0x200B || scalar.properties.generalCategory == .spaceSeparator else { return 0 }
        return UTF8.width(scalar)
    }

    /// True at the UTF-8 of U+0085 (NEL), U+2028 or U+2029.
    private static func isOtherLineBreak(_ bytes: [UInt8], at index: Int) -> Bool {
        let lead = bytes[index]
        if lead == 0xC2 { return bytes[index + 1] == 0x85 }
        guard lead == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80 else { return false }
        let last = bytes[index + 2]
        return last == 0xA8 || last == 0xA9
    }
}
