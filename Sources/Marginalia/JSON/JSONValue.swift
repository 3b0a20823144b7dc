/// A JSON value, as used for annotation features, metadata and export lines.
///
/// Objects serialise with sorted keys, so the same value always gives the same bytes.
///
/// ```swift
/// let features: JSONValue = ["term": "missile", "count": 2]
/// features.serialized()   // {"count":2,"term":"missile"}
/// ```
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The string payload, if this is a string.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The numeric payload as a Double, if this is a number.
    public var doubleValue: Double? {
        switch self {
        case .integer(let value): return Double(value)
        case .number(let value): return value
        default: return nil
        }
    }

    /// The members, if this is an object.
    public var objectValue: [String: JSONValue]? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// The elements, if this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// Compact, deterministic JSON text (sorted keys, no spaces).
    public func serialized() -> String {
        var bytes: [UInt8] = []
        write(toUTF8: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the compact JSON text to `out`.
    public func write(to out: inout String) {
        var bytes: [UInt8] = []
        write(toUTF8: &bytes)
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// Shortest round-tripping form; integral values keep a `.0` out of JSON (`1` not `1.0`).
    ///
    /// ```swift
    /// JSONValue.format(1.0)   // "1"
    /// JSONValue.format(0.25)  // "0.25"
    /// ```
    public static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    /// Writes `value` as a JSON string literal, escaping what RFC 8259 requires.
    public static func writeString(_ value: String, to out: inout String) {
        var bytes: [UInt8] = []
        writeString(value, toUTF8: &bytes)
        out += String(decoding: bytes, as: UTF8.self)
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
    public init(nilLiteral: ()) { self = .null }
}
