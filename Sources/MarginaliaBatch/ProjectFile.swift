import Foundation
import Marginalia
import TOMLKit

/// `marginalia.toml`, the project file: settings a research project shares in its repository
/// so that everyone runs the taggers the same way. Every key is optional.
///
/// ```toml
/// plugins = ["taggers"]             # searched before $MARGINALIA_PLUGIN_PATH
///
/// [params.defense]
/// min_hits = 3                      # overrides the plugin's default
///
/// [limits]
/// max_seconds = 60                  # per plugin per document (--max-seconds beats it)
/// ```
///
/// ```swift
/// let project = try ProjectFile.load(path: "marginalia.toml")
/// print(project?.params["defense"]?["min_hits"] ?? .null)
/// ```
public struct ProjectFile: Sendable, Equatable {
    /// The file's name in a project folder.
    public static let defaultName = "marginalia.toml"

    /// Where it was read from.
    public var path: String
    /// Plugin files or folders, searched after `--plugins` options.
    public var plugins: [String] = []
    /// Parameter overrides by plugin name.
    public var params: [String: [String: JSONValue]] = [:]
    /// `[limits] max_seconds`: wall-clock seconds per plugin per document, when set.
    public var maxSeconds: Double?

    static let knownKeys: Set<String> = ["plugins", "params", "limits"]
    static let knownLimits: Set<String> = ["max_seconds"]

    /// Reads `path`; returns nil when there is no such file.
    public static func load(path: String = defaultName) throws(ProjectFileError) -> ProjectFile? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path),
              let text = String(data: data, encoding: .utf8) else {
            throw ProjectFileError(path: path, line: nil, message: "cannot read the file as UTF-8 text")
        }
        return try parse(text, path: path)
    }

    /// Parses project-file text; `path` names the file in errors.
    public static func parse(_ text: String, path: String) throws(ProjectFileError) -> ProjectFile {
        // TOML allows no control character but tab and line ends anywhere; TOMLKit's parser
        // (toml++) aborts the process on some of them (a key starting with U+001C), so they
        // are refused here, named with their line, before it sees the text.
        if let (line, scalar) = firstControlCharacter(in: text) {
            throw ProjectFileError(path: path, line: line, message: String(format: "control character U+%04X is not allowed in TOML", scalar.value))
        }
        if let (line, header) = TOMLHeaderCheck.firstMalformedHeader(in: text) {
            throw ProjectFileError(path: path, line: line, message: "malformed table header \(header): a key is letters, digits, '_' and '-', or a quoted string, joined by dots")
        }
        if let (line, message) = TOMLHeaderCheck.firstMismatchedBracket(in: text) {
            throw ProjectFileError(path: path, line: line, message: message)
        }
        let json: JSONValue
        do {
            let table = try TOMLTable(string: text)
            json = try JSONParser.parse(Array(table.convert(to: .json).utf8))
        } catch let error as TOMLParseError {
            throw ProjectFileError(path: path, line: error.source.begin.line, message: error.description)
        } catch {
            throw ProjectFileError(path: path, line: nil, message: "\(error)")
        }
        let lines = TOMLKeyLocator(text: text)
        func fail(_ message: String, key: String, table: String? = nil) -> ProjectFileError {
            ProjectFileError(path: path, line: lines.line(of: key, inTable: table), message: message)
        }
        var project = ProjectFile(path: path)
        for (key, value) in json.objectValue ?? [:] {
            switch key {
            case "plugins":
                guard let list = value.arrayValue, list.allSatisfy({ $0.stringValue != nil }) else {
                    throw fail("'plugins' must be a list of paths, e.g. plugins = [\"taggers\"]", key: key)
                }
                let folder = (path as NSString).deletingLastPathComponent
                project.plugins = list.compactMap(\.stringValue).map {
                    $0.hasPrefix("/") || folder.isEmpty ? $0 : (folder as NSString).appendingPathComponent($0)
                }
            case "params":
                for (plugin, settings) in value.objectValue ?? [:] {
                    guard let settings = settings.objectValue else {
                        throw fail("[params.\(plugin)] must be a table of name = value", key: plugin, table: "params")
                    }
                    project.params[plugin] = settings
                }
            case "limits":
                guard let limits = value.objectValue else {
                    throw fail("[limits] must be a table, e.g. max_seconds = 60", key: key)
                }
                for (name, setting) in limits {
                    guard knownLimits.contains(name) else {
                        throw fail("unknown limit '\(name)' (known: \(knownLimits.sorted().joined(separator: ", ")))", key: name, table: "limits")
                    }
                    guard let seconds = setting.doubleValue, seconds.isFinite, seconds >= 0 else {
                        throw fail("max_seconds must be a number of seconds, 0 or more (0 = no limit)", key: name, table: "limits")
                    }
                    project.maxSeconds = seconds
                }
            default:
                let known = knownKeys.sorted().joined(separator: ", ")
                throw fail("unknown setting '\(key)' (known: \(known))", key: key)
            }
        }
        return project
    }

    /// The line and value of the first control character TOML forbids (all but tab, line
    /// feed and carriage return), or nil.
    static func firstControlCharacter(in text: String) -> (line: Int, scalar: Unicode.Scalar)? {
        var line = 1
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A: line += 1
            case 0x09, 0x0D: continue
            case 0x00...0x1F, 0x7F: return (line, scalar)
            default: continue
            }
        }
        return nil
    }

    /// The line of `[params.PLUGIN]` or of `NAME =` under it, for errors about parameters.
    public func line(ofParam name: String?, plugin: String) -> Int? {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else { return nil }
        let lines = TOMLKeyLocator(text: text)
        if let name, let line = lines.line(of: name, inTable: "params.\(plugin)") { return line }
        return lines.line(of: plugin, inTable: "params")
    }
}

/// A project file that cannot be used, with the line at fault when known.
public struct ProjectFileError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var line: Int?
    public var message: String

    public var description: String { "\(path)\(line.map { ":\($0)" } ?? ""): \(message)" }
}
