/// A strict JSON parser over UTF-8 bytes (RFC 8259), with positions in its errors.
///
/// ```swift
/// let value = try JSONParser.parse(Array(#"{"id":"a","text":"Hà Nội"}"#.utf8))
/// value.objectValue?["text"]?.stringValue   // "Hà Nội"
/// ```
public struct JSONParser {
    /// A syntax error and the byte offset where it was found.
    public struct SyntaxError: Error, Sendable, CustomStringConvertible {
        public var byteOffset: Int
        public var message: String
        public var description: String { "\(message) at byte \(byteOffset)" }
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var depth = 0
    private static let maximumDepth = 512

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Parses exactly one JSON value (surrounding white space allowed).
    public static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { (buffer) throws(SyntaxError) -> JSONValue in
            try parse(buffer)
        }
    }

    /// Parses exactly one JSON value from a buffer.
    public static func parse(_ buffer: UnsafeBufferPointer<UInt8>) throws(SyntaxError) -> JSONValue {
        var parser = JSONParser(bytes: buffer)
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        if parser.index != buffer.count { throw parser.error("unexpected text after the JSON value") }
        return value
    }

    /// The members of a JSON object in the order written, without building a dictionary
    /// (surrounding white space allowed); nil when the bytes are not one well-formed object
    /// (``parse(_:)`` then says what is wrong and where). Repeated keys are all kept.
    ///
    /// ```swift
    /// let line = Array(#"{"id":"n1","text":"Tanks."}"#.utf8)
    /// line.withUnsafeBufferPointer { JSONParser.objectMembers($0) }?.map(\.key)   // ["id", "text"]
    /// ```
    public static func objectMembers(_ buffer: UnsafeBufferPointer<UInt8>) -> [(key: String, value: JSONValue)]? {
        var parser = JSONParser(bytes: buffer)
        var members: [(key: String, value: JSONValue)] = []
        members.reserveCapacity(8)
        parser.skipWhitespace()
        guard parser.index < buffer.count, buffer[parser.index] == UInt8(ascii: "{"),
              (try? parser.parseMembers { members.append(($0, $1)) }) != nil else { return nil }
        parser.skipWhitespace()
        return parser.index == buffer.count ? members : nil
    }

    private func error(_ message: String) -> SyntaxError { SyntaxError(byteOffset: index, message: message) }

    private mutating func skipWhitespace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    private mutating func parseValue() throws(SyntaxError) -> JSONValue {
        guard index < bytes.count else { throw error("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        default: return try parseNumber()
        }
    }

    private mutating func expectWord(_ word: StaticString) throws(SyntaxError) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw error("unexpected end of input") }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] {
            throw error("invalid literal")
        }
        index += count
    }

    private mutating func enter() throws(SyntaxError) {
        depth += 1
        if depth > JSONParser.maximumDepth { throw error("nesting deeper than \(JSONParser.maximumDepth)") }
    }

    private mutating func parseObject() throws(SyntaxError) -> JSONValue {
        var members: [String: JSONValue] = [:]
        try parseMembers { members[$0] = $1 }   // a repeated key: the last value is kept
        return .object(members)
    }

    /// Reads the object at `index` (at its `{`), handing `add` each member in order.
    private mutating func parseMembers(_ add: (String, JSONValue) -> Void) throws(SyntaxError) {
        try enter()
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; depth -= 1; return }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a string key") }
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':'") }
            index += 1
            skipWhitespace()
            add(key, try parseValue())
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input in an object") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; depth -= 1; return }
            throw error("expected ',' or '}'")
        }
    }

    private mutating func parseArray() throws(SyntaxError) -> JSONValue {
        try enter()
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; depth -= 1; return .array(elements) }
        while true {
            skipWhitespace()
            elements.append(try parseValue())
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input in an array") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; depth -= 1; return .array(elements) }
            throw error("expected ',' or ']'")
        }
    }

    private mutating func parseString() throws(SyntaxError) -> String {
        index += 1
        let start = index
        // Fast path: no escapes.
        index = Self.nextSpecialByte(in: bytes, from: index)
        if index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                return try validated(slice, at: start)
            }
            if byte < 0x20 { throw error("control character in a string") }
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count - start)
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let line = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                return try out.withUnsafeBufferPointer { (buffer) throws(SyntaxError) -> String in
                    try validated(buffer, at: start, unescapedFrom: line)
                }
            }
            if byte < 0x20 { throw error("control character in a string") }
            if byte != UInt8(ascii: "\\") {
                // Copy the run up to the next quote, backslash or control character at once.
                let end = Self.nextSpecialByte(in: bytes, from: index + 1)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<end]))
                index = end
                continue
            }
            index += 1
            guard index < bytes.count else { break }
            let escape = bytes[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var code = try parseHex4()
                if (0xD800..<0xDC00).contains(code) {
                    guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                    else { throw error("unpaired surrogate") }
                    index += 2
                    let low = try parseHex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw error("unpaired surrogate") }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00..<0xE000).contains(code) {
                    throw error("unpaired surrogate")
                }
                out.append(contentsOf: Array(String(Unicode.Scalar(code)!).utf8))
            default: throw error("invalid escape")
            }
        }
        throw error("unterminated string")
    }

    /// The string of a string literal's bytes, validated once (by the standard library, as
    /// it copies them); only bad bytes are looked at again, for where they start. `escaped`,
    /// the literal as written when `buffer` is its unescaped bytes, is where a bad byte is
    /// looked for: escapes stand for whole scalars, so the literal holds a bad byte exactly
    /// when its unescaped bytes do, and the offset names the byte of the input.
    private func validated(_ buffer: UnsafeBufferPointer<UInt8>, at start: Int,
                           unescapedFrom escaped: UnsafeBufferPointer<UInt8>? = nil) throws(SyntaxError) -> String {
        if let string = UTF8Validation.string(buffer) { return string }
        let bad = escaped.flatMap(UTF8Validation.firstInvalidByteOffset) ?? UTF8Validation.firstInvalidByteOffset(buffer) ?? 0
        throw SyntaxError(byteOffset: start + bad, message: "invalid UTF-8")
    }

    /// The offset of the first `"`, backslash or control character (below 0x20) at or after
    /// `start`, or the end. Sixteen bytes at a time (one vector compare per test, a block
    /// without any of them skipped whole); the block that holds one is searched eight bytes
    /// at a time, each of the three tests finding a zero lane the classic way
    /// (`(x - 0x01…) & ~x & 0x80…`, exact for the lowest lane flagged).
    @inline(__always)
    static func nextSpecialByte(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress else { return start }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
        var index = start
        let quotes = SIMD16<UInt8>(repeating: UInt8(ascii: "\""))
        let backslashes = SIMD16<UInt8>(repeating: UInt8(ascii: "\\"))
        let spaces = SIMD16<UInt8>(repeating: 0x20)
        while index &+ 16 <= count {
            let block = raw.loadUnaligned(fromByteOffset: index, as: SIMD16<UInt8>.self)
            if any(block .== quotes .| block .== backslashes .| block .< spaces) { break }
            index &+= 16
        }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        while index &+ 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            let quote = word ^ (ones &* 0x22)
            let backslash = word ^ (ones &* 0x5C)
            let special = ((quote &- ones) & ~quote | (backslash &- ones) & ~backslash | (word &- ones &* 0x20) & ~word) & high
            if special != 0 { return index &+ special.trailingZeroBitCount >> 3 }
            index &+= 8
        }
        while index < count {
            let byte = base[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { return index }
            index &+= 1
        }
        return count
    }

    private mutating func parseHex4() throws(SyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("short \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            default: throw error("bad hex digit in \\u escape")
            }
            value = value * 16 + digit
            index += 1
        }
        return value
    }

    private mutating func parseNumber() throws(SyntaxError) -> JSONValue {
        let start = index
        var isInteger = true
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        let digitsStart = index
        while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
        if index == digitsStart { throw error("unexpected character") }
        if bytes[digitsStart] == 0x30 && index - digitsStart > 1 { throw error("leading zero in a number") }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            let fraction = index
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
            if index == fraction { throw error("digits expected after '.'") }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            let exponent = index
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
            if index == exponent { throw error("digits expected in the exponent") }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        if isInteger, let value = Int64(text) { return .integer(value) }
        guard let value = Double(text) else { throw SyntaxError(byteOffset: start, message: "invalid number") }
        return .number(value)
    }
}
