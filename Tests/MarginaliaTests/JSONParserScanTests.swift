import XCTest
@testable import Marginalia

/// `JSONParser` scans strings eight bytes at a time and leaves UTF-8 validation to the
/// standard library as it makes the `String`: it is held to the byte-at-a-time parser it
/// replaced (``ReferenceJSONParser``, kept below as it was) on random and mutated
/// documents — the same values, and the same errors at the same offsets.
final class JSONParserScanTests: XCTestCase {
    func testSameValuesAndErrorsAsTheByteAtATimeParser() {
        var generator = SplitMix64(seed: 8_259)
        for round in 0..<20_000 {
            var bytes = Array(Self.randomDocument(&generator, depth: 0).utf8)
            // Mutations: a byte changed, inserted, removed, or the text cut short.
            for _ in 0..<Int.random(in: 0...2, using: &generator) where !bytes.isEmpty {
                let at = Int.random(in: 0..<bytes.count, using: &generator)
                let byte = Self.oddBytes.randomElement(using: &generator)!
                switch Int.random(in: 0..<4, using: &generator) {
                case 0: bytes[at] = byte
                case 1: bytes.insert(byte, at: at)
                case 2: bytes.remove(at: at)
                default: bytes.removeSubrange(at...)
                }
            }
            Self.assertSame(bytes, "round \(round)")
        }
    }

    func testEveryOffsetOfASpecialByteInALongString() {
        for length in 0..<40 {
            for special in [UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x00, 0x1F, 0x0A, 0xC3, 0x80, 0xFF, 0xE2, 0xF0] {
                for at in 0...length {
                    var body = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    body.insert(special, at: at)
                    Self.assertSame([UInt8(ascii: "\"")] + body + [UInt8(ascii: "\"")], "length \(length), \(special) at \(at)")
                    Self.assertSame([UInt8(ascii: "\"")] + body, "unterminated, length \(length), \(special) at \(at)")
                    Self.assertSame(Array(#"{"k":"\n"#.utf8) + body + Array(#"","x":1}"#.utf8), "escaped, length \(length), \(special) at \(at)")
                }
            }
        }
    }

    func testABadByteAfterAnEscapeIsReportedWhereItIs() {
        // The offset names the bad byte of the line, not its place in the unescaped text.
        for line in [#"{"id":"x","text":"line\nbreak "#, #"{"text":"\u00e9\u00e9\"q\" "#, #"["\ud83d\ude00"#] {
            let bytes = Array(line.utf8) + [0xFF] + Array(#" here"}"#.utf8)
            XCTAssertThrowsError(try JSONParser.parse(bytes)) { error in
                XCTAssertEqual((error as? JSONParser.SyntaxError)?.description, "invalid UTF-8 at byte \(line.utf8.count)", line)
            }
        }
        let truncated = Array(#"{"text":"a\tb"#.utf8) + [0xC3] + Array(#"\n"}"#.utf8)
        XCTAssertThrowsError(try JSONParser.parse(truncated)) { error in
            XCTAssertEqual((error as? JSONParser.SyntaxError)?.byteOffset, truncated.firstIndex(of: 0xC3))
        }
    }

    func testTheStandardLibraryRejectsExactlyWhatUTF8ValidationRejects() {
        // Every sequence of one and two bytes, every three-byte sequence after the leads
        // whose second byte is restricted, and random mixes.
        for first in 0...255 {
            for second in 0...255 { Self.assertSameValidity([UInt8(first), UInt8(second)]) }
            Self.assertSameValidity([UInt8(first)])
        }
        for lead: UInt8 in [0xE0, 0xE1, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF4, 0xF5] {
            for second in 0...255 {
                for third: UInt8 in [0x00, 0x41, 0x7F, 0x80, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF] {
                    Self.assertSameValidity([lead, UInt8(second), third])
                    Self.assertSameValidity([lead, UInt8(second), third, 0x80])
                    Self.assertSameValidity([lead, UInt8(second), third, 0xBF, 0x41])
                }
            }
        }
        var generator = SplitMix64(seed: 3_629)
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...24, using: &generator) {
                bytes += Int.random(in: 0..<2, using: &generator) == 0 ? Array("aé€😀".utf8).shuffled(using: &generator).prefix(3)
                    : [UInt8.random(in: 0...255, using: &generator)]
            }
            Self.assertSameValidity(bytes)
        }
    }

    // MARK: - Helpers

    private static func assertSame(_ bytes: [UInt8], _ context: String, file: StaticString = #filePath, line: UInt = #line) {
        let new = Result { () throws(JSONParser.SyntaxError) in try JSONParser.parse(bytes) }
        let old = Result { () throws(ReferenceJSONParser.SyntaxError) in try ReferenceJSONParser.parse(bytes) }
        switch (new, old) {
        case (.success(let a), .success(let b)):
            XCTAssertEqual(a, b, context, file: file, line: line)
        case (.failure(let a), .failure(let b)):
            XCTAssertEqual("\(a.message) at \(a.byteOffset)", "\(b.message) at \(b.byteOffset)", "\(context): \(bytes)", file: file, line: line)
        default:
            XCTFail("\(context): \(new) against \(old) for \(bytes)", file: file, line: line)
        }
    }

    private static func assertSameValidity(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) {
        let ours = UTF8Validation.firstInvalidByteOffset(bytes) == nil
        let standard = bytes.withUnsafeBufferPointer { String(validating: $0, as: UTF8.self) } != nil
        if ours != standard { XCTFail("\(bytes): UTF8Validation \(ours), String(validating:) \(standard)", file: file, line: line) }
    }

    private static let oddBytes: [UInt8] = [0x22, 0x5C, 0x00, 0x09, 0x0A, 0x1F, 0x20, 0x7B, 0x7D, 0x5B, 0x5D, 0x2C, 0x3A,
                                            0x75, 0x30, 0x2D, 0x80, 0xBF, 0xC0, 0xC3, 0xE2, 0xED, 0xF0, 0xF4, 0xFF]
    private static let pieces = ["a", "plain text ", "Hà Nội", "“quoted”", "😀", "\\n", "\\\"", "\\\\", "\\/", "\\u00e9",
                                 "\\ud83d\\ude00", "\\ud83d", "\\ude00x", "\\u12", "\\q", "\t", "\u{1}", "\\t", "\\b\\f\\r"]

    private static func randomString(_ generator: inout SplitMix64) -> String {
        var body = ""
        for _ in 0..<Int.random(in: 0...12, using: &generator) {
            body += Int.random(in: 0..<3, using: &generator) == 0 ? pieces.randomElement(using: &generator)!
                : String(repeating: "word ", count: Int.random(in: 1...9, using: &generator))
        }
        return "\"" + body + "\""
    }

    private static func randomDocument(_ generator: inout SplitMix64, depth: Int) -> String {
        switch depth > 2 ? Int.random(in: 0..<4, using: &generator) : Int.random(in: 0..<7, using: &generator) {
        case 0: return randomString(&generator)
        case 1: return ["0", "-12", "3.5e-2", "1E9", "007", "-", "2.", "true", "false", "null", "nul"].randomElement(using: &generator)!
        case 2, 3: return randomString(&generator)
        case 4, 5:
            let members = (0..<Int.random(in: 0...5, using: &generator)).map { _ in
                randomString(&generator) + [":", " : ", ":"].randomElement(using: &generator)! + randomDocument(&generator, depth: depth + 1)
            }
            return "{" + members.joined(separator: [",", ", ", ",\n"].randomElement(using: &generator)!) + "}"
        default:
            let elements = (0..<Int.random(in: 0...5, using: &generator)).map { _ in randomDocument(&generator, depth: depth + 1) }
            return "[" + elements.joined(separator: ",") + "]"
        }
    }
}

/// The parser as it was before the eight-bytes-at-a-time scan (1210805), the reference of
/// JSONParserScanTests — but for one fix: a bad byte after an escape is reported at its
/// offset in the line (1210805 counted it in the unescaped bytes).
struct ReferenceJSONParser {
    /// A syntax error and the byte offset where it was found.
    struct SyntaxError: Error, Sendable, CustomStringConvertible {
        var byteOffset: Int
        var message: String
        var description: String { "\(message) at byte \(byteOffset)" }
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var depth = 0
    private static let maximumDepth = 512

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Parses exactly one JSON value (surrounding white space allowed).
    static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { (buffer) throws(SyntaxError) -> JSONValue in
            try parse(buffer)
        }
    }

    /// Parses exactly one JSON value from a buffer.
    static func parse(_ buffer: UnsafeBufferPointer<UInt8>) throws(SyntaxError) -> JSONValue {
        var parser = ReferenceJSONParser(bytes: buffer)
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        if parser.index != buffer.count { throw parser.error("unexpected text after the JSON value") }
        return value
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
        if depth > ReferenceJSONParser.maximumDepth { throw error("nesting deeper than \(ReferenceJSONParser.maximumDepth)") }
    }

    private mutating func parseObject() throws(SyntaxError) -> JSONValue {
        try enter()
        index += 1
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; depth -= 1; return .object(members) }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a string key") }
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':'") }
            index += 1
            skipWhitespace()
            members[key] = try parseValue()
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input in an object") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; depth -= 1; return .object(members) }
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
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                return try validated(slice, at: start)
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw error("control character in a string") }
            index += 1
        }
        var out = [UInt8](UnsafeBufferPointer(rebasing: bytes[start..<index]))
        out.reserveCapacity(bytes.count - start)
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                // (Changed since 1210805: a bad byte is reported where it is in the line.)
                if let bad = UTF8Validation.firstInvalidByteOffset(UnsafeBufferPointer(rebasing: bytes[start..<index - 1])) {
                    throw SyntaxError(byteOffset: start + bad, message: "invalid UTF-8")
                }
                return try out.withUnsafeBufferPointer { (buffer) throws(SyntaxError) -> String in
                    try validated(buffer, at: start)
                }
            }
            if byte < 0x20 { throw error("control character in a string") }
            if byte != UInt8(ascii: "\\") {
                // Copy the run up to the next quote, backslash or control character at once.
                var end = index + 1
                while end < bytes.count {
                    let next = bytes[end]
                    if next == UInt8(ascii: "\"") || next == UInt8(ascii: "\\") || next < 0x20 { break }
                    end += 1
                }
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

    private func validated(_ buffer: UnsafeBufferPointer<UInt8>, at start: Int) throws(SyntaxError) -> String {
        if let bad = UTF8Validation.firstInvalidByteOffset(buffer) {
            throw SyntaxError(byteOffset: start + bad, message: "invalid UTF-8")
        }
        return String(decoding: buffer, as: UTF8.self)
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
