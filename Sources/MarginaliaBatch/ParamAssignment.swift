import Marginalia

/// One `--param PLUGIN.NAME=VALUE` override from the command line. The value is read as
/// JSON when it parses as JSON (`3`, `0.5`, `true`, `["a","b"]`, `"quoted"`), otherwise
/// it is taken as a plain string.
///
/// ```swift
/// let assignment = try ParamAssignment(parsing: "defense.min_hits=3")
/// // assignment.plugin == "defense", assignment.name == "min_hits", assignment.value == .integer(3)
/// ```
public struct ParamAssignment: Sendable, Equatable {
    public var plugin: String
    public var name: String
    public var value: JSONValue
    /// The value as typed (after the `=`).
    public var text: String

    public init(parsing text: String) throws(ParamAssignmentError) {
        guard let equals = text.firstIndex(of: "=") else {
            throw ParamAssignmentError(text: text, reason: "expected PLUGIN.NAME=VALUE, e.g. defense.min_hits=3")
        }
        let target = text[..<equals]
        guard let dot = target.firstIndex(of: "."), dot != target.startIndex, target.index(after: dot) != target.endIndex else {
            throw ParamAssignmentError(text: text, reason: "name the plugin and the parameter: PLUGIN.NAME=VALUE")
        }
        plugin = String(target[..<dot])
        name = String(target[target.index(after: dot)...])
        let raw = String(text[text.index(after: equals)...])
        value = (try? JSONParser.parse(Array(raw.utf8))) ?? .string(raw)
        self.text = raw
    }

    /// Merges assignments (later ones win) over `base`, grouped by plugin.
    public static func merge(_ assignments: [ParamAssignment], over base: [String: [String: JSONValue]]) -> [String: [String: JSONValue]] {
        var merged = base
        for assignment in assignments { merged[assignment.plugin, default: [:]][assignment.name] = assignment.value }
        return merged
    }
}

/// A `--param` that cannot be read.
public struct ParamAssignmentError: Error, Sendable, CustomStringConvertible {
    public var text: String
    public var reason: String
    public var description: String { "--param '\(text)': \(reason)" }
}
