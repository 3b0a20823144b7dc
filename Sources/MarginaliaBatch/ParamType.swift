import Marginalia

/// The type a plugin parameter takes, read from its default in the manifest: a value given
/// on the command line or in `marginalia.toml` must have the same type, so that
/// `--param sanctions.min_hits=two` is refused before any document runs instead of
/// failing on every one ("attempt to compare string with number").
///
/// Numbers accept integers; integers accept integral numbers (`3.0`); a list's items must
/// have the type of the default's items when those all have one type; a `null` default
/// takes anything.
///
/// ```swift
/// ParamType(of: .integer(2)).mismatch(.string("two"))   // "expects an integer (its default is 2), got the string \"two\""
/// ParamType(of: .integer(2)).mismatch(.integer(3))      // nil
/// ```
public indirect enum ParamType: Sendable, Hashable {
    case any, boolean, integer, number, string, object
    case list(of: ParamType)

    /// The type of a default value.
    public init(of value: JSONValue) {
        switch value {
        case .null: self = .any
        case .bool: self = .boolean
        case .integer: self = .integer
        case .number: self = .number
        case .string: self = .string
        case .object: self = .object
        case .array(let items):
            let kinds = Set(items.map { ParamType(of: $0).widened })
            self = .list(of: kinds.count == 1 ? kinds.first! : .any)
        }
    }

    /// Integer and number items mix in a list of numbers.
    private var widened: ParamType { self == .integer ? .number : self }

    /// What this type is called in messages ("an integer", "a list of strings").
    public var name: String {
        switch self {
        case .any: return "any value"
        case .boolean: return "a boolean (true or false)"
        case .integer: return "an integer"
        case .number: return "a number"
        case .string: return "a string"
        case .object: return "a table"
        case .list(of: .any): return "a list"
        case .list(of: let item): return "a list of " + item.pluralName
        }
    }

    private var pluralName: String {
        switch self {
        case .boolean: return "booleans"
        case .integer, .number: return "numbers"
        case .string: return "strings"
        case .object: return "tables"
        default: return "values"
        }
    }

    /// True when `value` has this type.
    public func accepts(_ value: JSONValue) -> Bool {
        switch (self, value) {
        case (.any, _), (.boolean, .bool), (.integer, .integer), (.number, .integer), (.number, .number),
             (.string, .string), (.object, .object):
            return true
        case (.integer, .number(let number)):
            return number == number.rounded() && abs(number) < 9e15
        case (.list(let item), .array(let items)):
            return items.allSatisfy(item.accepts)
        default:
            return false
        }
    }

    /// Why `value` cannot replace `defaultValue`, or nil when it can.
    public static func mismatch(_ value: JSONValue, default defaultValue: JSONValue) -> String? {
        let type = ParamType(of: defaultValue)
        guard !type.accepts(value) else { return nil }
        return "expects \(type.name) (its default is \(defaultValue.serialized())), got \(describe(value))"
    }

    /// A value as a message names it: `the string "two"`, `the number 2.5`.
    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool: return "the boolean \(value.serialized())"
        case .integer, .number: return "the number \(value.serialized())"
        case .string: return "the string \(TerminalText.safeLine(value.serialized()))"
        case .array: return "the list \(TerminalText.safeLine(value.serialized()))"
        case .object: return "the table \(TerminalText.safeLine(value.serialized()))"
        }
    }
}
