import XCTest
@testable import Marginalia

/// `JSONValue.write(toUTF8:)` orders an object's members on the stack, writes integers
/// digit by digit and finds a string's escapes 16 bytes at a time: it is held to the
/// writer it replaced (``ReferenceJSONWriter``, kept below as it was) on random values —
/// every store's features and metadata columns, and so every export, are these bytes.
final class JSONValueWritingTests: XCTestCase {
    func testSameBytesAsTheWriterItReplacedOnRandomValues() {
        var generator = SplitMix64(seed: 20_261_201)
        for round in 0..<30_000 {
            let value = Self.randomValue(&generator, depth: 0)
            var bytes: [UInt8] = [0x78]   // appends after what is there
            value.write(toUTF8: &bytes)
            XCTAssertEqual(bytes, [0x78] + ReferenceJSONWriter.bytes(of: value), "round \(round)")
            if bytes != [0x78] + ReferenceJSONWriter.bytes(of: value) { return }
        }
    }

    func testIntegersAndIntegralNumbersAtTheirEdges() {
        var edges: [Int64] = [0, 1, -1, 9, 10, -9, -10, 99, 100, .max, .min, .max - 1, .min + 1]
        var power: Int64 = 1
        for _ in 0..<18 {
            power *= 10
            edges += [power - 1, power, power + 1, -power + 1, -power, -power - 1]
        }
        for integer in edges {
            XCTAssertEqual(JSONValue.integer(integer).serialized(), String(integer))
            let number = Double(integer)
            XCTAssertEqual(JSONValue.number(number).serialized(), String(decoding: ReferenceJSONWriter.bytes(of: .number(number)), as: UTF8.self), "\(number)")
        }
        for number in [0.0, -0.0, 0.5, -0.5, 1e15, -1e15, 1e15 - 1, 999_999_999_999_999.5, 1e16, 1e300, .leastNonzeroMagnitude, .pi,
                       .nan, .infinity, -.infinity, .greatestFiniteMagnitude, 4_503_599_627_370_496.5] {
            XCTAssertEqual(JSONValue.number(number).serialized(), String(decoding: ReferenceJSONWriter.bytes(of: .number(number)), as: UTF8.self), "\(number)")
        }
    }

    func testEveryByteThatNeedsAnEscapeAtEveryOffset() {
        for length in 0..<40 {
            for byte: UInt8 in [0x00, 0x01, 0x08, 0x09, 0x0A, 0x0C, 0x0D, 0x1F, 0x20, 0x22, 0x2F, 0x5C, 0x7F] {
                for at in 0...length {
                    var text = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    text.insert(byte, at: at)
                    let value = JSONValue.string(String(decoding: text, as: UTF8.self))
                    XCTAssertEqual(value.serialized(), String(decoding: ReferenceJSONWriter.bytes(of: value), as: UTF8.self), "length \(length), \(byte) at \(at)")
                }
            }
        }
        XCTAssertEqual(JSONValue.string("a\u{1}\"\\\n\r\t\u{1F}é").serialized(), #""a\u0001\"\\\n\r\t\u001fé""#)
    }

    func testObjectsOfEverySizeAroundTheStackBufferAreInKeyOrder() {
        var generator = SplitMix64(seed: 77)
        for count in 0..<40 {
            var members: [String: JSONValue] = [:]
            while members.count < count { members[Self.randomKey(&generator)] = .integer(Int64(members.count)) }
            let value = JSONValue.object(members)
            XCTAssertEqual(value.serialized(), String(decoding: ReferenceJSONWriter.bytes(of: value), as: UTF8.self), "\(count) members")
        }
    }

    // MARK: - random values

    private static let keyPieces = ["code", "kind", "name", "term", "hits", "a", "b", "A", "Z", "_", "é", "e\u{301}", "É",
                                    "ß", "ss", "ø", "Ω", "中", "😀", "\u{0}", "\"", "\\", " ", "10", "2", "-", "ﬁ", "Å", "A\u{30A}"]

    private static func randomKey(_ generator: inout SplitMix64) -> String {
        (0..<Int.random(in: 0...3, using: &generator)).map { _ in keyPieces.randomElement(using: &generator)! }.joined()
    }

    private static func randomString(_ generator: inout SplitMix64) -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0...40, using: &generator) {
            switch Int.random(in: 0..<10, using: &generator) {
            case 0: scalars.append(Unicode.Scalar(UInt8.random(in: 0..<0x20, using: &generator)))
            case 1: scalars.append(["\"", "\\", "/", "\u{7F}"].randomElement(using: &generator)!)
            case 2: scalars.append(Unicode.Scalar(UInt32.random(in: 0x80...0xD7FF, using: &generator))!)
            case 3: scalars.append(Unicode.Scalar(UInt32.random(in: 0x1F300...0x1F6FF, using: &generator))!)
            default: scalars.append(Unicode.Scalar(UInt8.random(in: 0x20..<0x7F, using: &generator)))
            }
        }
        return String(scalars)
    }

    private static func randomValue(_ generator: inout SplitMix64, depth: Int) -> JSONValue {
        switch Int.random(in: 0..<(depth > 2 ? 6 : 8), using: &generator) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &generator))
        case 2:
            let magnitude = Int64.random(in: 0...Int64.max, using: &generator) >> Int64.random(in: 0...63, using: &generator)
            return .integer(Bool.random(using: &generator) ? magnitude : ~magnitude)
        case 3:
            switch Int.random(in: 0..<3, using: &generator) {
            case 0: return .number(Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &generator)))
            case 1: return .number(Double(Int64.random(in: -1 << 52...1 << 52, using: &generator)) / [1, 2, 4, 10, 1000][Int.random(in: 0..<5, using: &generator)])
            default: return .number(Double(Int64.random(in: -1 << 53...1 << 53, using: &generator)) * [1, 10, 1000, 1e9][Int.random(in: 0..<4, using: &generator)])
            }
        case 4, 5: return .string(randomString(&generator))
        case 6: return .array((0..<Int.random(in: 0...5, using: &generator)).map { _ in randomValue(&generator, depth: depth + 1) })
        default:
            var members: [String: JSONValue] = [:]
            let count = Int.random(in: 0...(Int.random(in: 0..<8, using: &generator) == 0 ? 24 : 5), using: &generator)
            for _ in 0..<count { members[randomKey(&generator)] = randomValue(&generator, depth: depth + 1) }
            return .object(members)
        }
    }
}

/// The features writer as it was before it ordered members on the stack (sorted keys and
/// a look-up per key, `String(value)` for integers, a byte-at-a-time escape scan): the
/// reference the new one is held to.
private enum ReferenceJSONWriter {
    static func bytes(of value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        write(value, to: &out)
        return out
    }

    private static func write(_ value: JSONValue, to out: inout [UInt8]) {
        switch value {
        case .null: out += "null".utf8
        case .bool(let value): out += (value ? "true" : "false").utf8
        case .integer(let value): out += String(value).utf8
        case .number(let value):
            if value.isFinite { out += JSONValue.format(value).utf8 } else { out += "null".utf8 }
        case .string(let value): writeString(value, to: &out)
        case .array(let values):
            out.append(UInt8(ascii: "["))
            for (index, value) in values.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                write(value, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                writeString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                write(members[key]!, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func writeString(_ value: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case 0x22: out += "\\\"".utf8
            case 0x5C: out += "\\\\".utf8
            case 0x0A: out += "\\n".utf8
            case 0x0D: out += "\\r".utf8
            case 0x09: out += "\\t".utf8
            case ..<0x20:
                let hex = String(byte, radix: 16)
                out += ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
