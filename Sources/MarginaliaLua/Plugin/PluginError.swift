/// A plugin that cannot be loaded or that failed: names the file, the line and, when it
/// can, shows the offending source line.
///
/// ```swift
/// do { _ = try host.load(path: "Plugins/broken.lua") }
/// catch { print(error) }   // Plugins/broken.lua:3: syntax error: '=' expected near 'x'
/// ```
public struct PluginError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure.
    public enum Kind: String, Sendable, Hashable {
        case unreadable, syntax, manifest, runtime, instructionLimit = "instruction-limit",
             memoryLimit = "memory-limit", timeLimit = "time-limit", interrupted, dependency, sandbox
    }

    public var kind: Kind
    public var message: String
    /// The plugin file, when known.
    public var file: String?
    /// The 1-based line in `file`, when known.
    public var line: Int?
    /// The text of that line, when known.
    public var sourceLine: String?

    public init(kind: Kind, message: String, file: String? = nil, line: Int? = nil, sourceLine: String? = nil) {
        self.kind = kind
        self.message = message
        self.file = file
        self.line = line
        self.sourceLine = sourceLine
    }

    public var description: String {
        var text = message
        if let file, !message.hasPrefix(file) {
            text = (line.map { "\(file):\($0): " } ?? "\(file): ") + message
        }
        if let sourceLine, let line {
            text += "\n    \(line) | \(sourceLine.trimmingCharacters(in: .whitespaces))"
        }
        return text
    }
}

extension PluginError {
    /// Builds an error from a Lua message such as `Plugins/x.lua:12: boom`, finding the line
    /// and quoting it from `source` when the message points into `file`.
    static func fromLua(_ message: String, kind: Kind, file: String, source: String?) -> PluginError {
        let line = luaLine(in: message, file: file)
        var quoted: String?
        if let line, let source {
            let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
            if line >= 1 && line <= lines.count { quoted = String(lines[line - 1]) }
        }
        return PluginError(kind: kind, message: message, file: file, line: line, sourceLine: quoted)
    }

    /// The first `file:N:` line number in a Lua message. Lua shortens long file names to
    /// `...` and their end (60 bytes in all), so a shortened name is recognised too.
    static func luaLine(in message: String, file: String) -> Int? {
        if let range = message.range(of: file + ":") { return lineNumber(after: range.upperBound, in: message) }
        var searchStart = message.startIndex
        while let range = message.range(of: "...", range: searchStart..<message.endIndex) {
            let rest = message[range.upperBound...]
            if let colon = rest.firstIndex(of: ":"), !rest[..<colon].isEmpty, file.hasSuffix(rest[..<colon]) {
                return lineNumber(after: message.index(after: colon), in: message)
            }
            searchStart = range.upperBound
        }
        return nil
    }

    private static func lineNumber(after index: String.Index, in message: String) -> Int? {
        Int(message[index...].prefix { $0.isNumber })
    }
}

import Foundation
