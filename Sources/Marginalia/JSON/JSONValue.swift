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

    /// Appends the compact JSON text to `out` as UTF-8 bytes: the store's writer encodes
    /// every annotation's features this way, without building intermediate strings.
    ///
    /// ```swift
    /// var bytes: [UInt8] = []
    /// JSONValue.object(["b": 1, "a": "x"]).write(toUTF8: &bytes)   // {"a":"x","b":1}
    /// ```
    public func write(toUTF8 out: inout [UInt8]) {
        switch self {
        case .null: out += "null".utf8
        case .bool(let value): out += (value ? "true" : "false").utf8
        case .integer(let value): out += String(value).utf8
        case .number(let value):
            if value.isFinite { out += JSONValue.format(value).utf8 } else { out += "null".utf8 }
        case .string(let value): JSONValue.writeString(value, toUTF8: &out)
        case .array(let values):
            out.append(UInt8(ascii: "["))
            for (index, value) in values.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                value.write(toUTF8: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members) where members.count == 1:
            // Most features are one key: no sorting, no second look-up.
            let (key, value) = members.first!
            out.append(UInt8(ascii: "{"))
            JSONValue.writeString(key, toUTF8: &out)
            out.append(UInt8(ascii: ":"))
            value.write(toUTF8: &out)
            out.append(UInt8(ascii: "}"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                JSONValue.writeString(key, toUTF8: &out)
                out.append(UInt8(ascii: ":"))
                members[key]!.write(toUTF8: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
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

    /// Appends `value` as a JSON string literal to `out` as UTF-8 bytes.
    ///
    /// ```swift
    /// var bytes: [UInt8] = []
    /// JSONValue.writeString("Hà Nội \"voted\"", toUTF8: &bytes)   // "Hà Nội \"voted\""
    /// ```
    public static func writeString(_ value: String, toUTF8 out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var copy = value
        copy.withUTF8 { bytes in
            // Runs of bytes that need no escape are appended whole.
            var runStart = 0
            for index in bytes.indices {
                let byte = bytes[index]
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
                if runStart < index { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
                runStart = index + 1
                switch byte {
                case 0x22: out += "\\\"".utf8
                case 0x5C: out += "\\\\".utf8
                case 0x0A: out += "\\n".utf8
                case 0x0D: out += "\\r".utf8
                case 0x09: out += "\\t".utf8
                default:
                    let hex = String(byte, radix: 16)
                    out += ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8
                }
            }
            if runStart < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...])) }
        }
        out.append(UInt8(ascii: "\""))
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
