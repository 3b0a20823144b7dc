import XCTest
@testable import Marginalia

/// `JSONLRecordParser.parseRecord` reads a good record from its members in order, without a
/// dictionary, and leaves every other line to the path through the JSON object: both must
/// give the same record, or the same error, for any line.
final class JSONLRecordFastPathTests: XCTestCase {
    private static let keys = ["id", "text", "title", "date", "lang", "url", "source", "desk", "input", "content", "doc_id",
                               "caf\u{E9}", "cafe\u{301}"]
    private static let strings = ["", "   ", "\\n\\t ", "Tanks moved in.", "H\u{E0} N\u{1ED9}i", "say \\\"no\\\"", "\\u00e9t\\u00e9",
                                  "\\ud83d\\ude00", "n1", "42", "caf\u{E9}", "e\u{301}", "\u{1F600} the army", "a\\/b"]
    private static let others = ["7", "-3", "1.5", "true", "null", "[]", "[1,\"a\"]", "{}", "{\"a\":{\"b\":\"c\"}}", "1e3"]

    private static func randomLine(_ generator: inout SystemRandomNumberGenerator) -> [UInt8] {
        var members: [String] = []
        for _ in 0..<Int.random(in: 0...6, using: &generator) {
            let key = keys.randomElement(using: &generator)!
            let value = Int.random(in: 0..<4, using: &generator) == 0
                ? others.randomElement(using: &generator)!
                : "\"" + strings.randomElement(using: &generator)! + "\""
            members.append("\"\(key)\"" + [":", " : ", ":\t"].randomElement(using: &generator)! + value)
        }
        var line = Array(([" ", ""].randomElement(using: &generator)! + "{" + members.joined(separator: [",", " , "].randomElement(using: &generator)!) + "}").utf8)
        for _ in 0..<Int.random(in: 0...1, using: &generator) where !line.isEmpty {
            let at = Int.random(in: 0..<line.count, using: &generator)
            let byte = [UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "}"), UInt8(ascii: ","), 0x00, 0xFF, 0xC3, 0x20].randomElement(using: &generator)!
            switch Int.random(in: 0..<4, using: &generator) {
            case 0: line[at] = byte
            case 1: line.insert(byte, at: at)
            case 2: line.remove(at: at)
            default: line.removeSubrange(at...)
            }
        }
        return line
    }

    private enum Outcome: Equatable {
        case record(id: [UInt8], text: [UInt8], metadata: DocumentMetadata)
        case error(String)
    }

    private static func outcome(_ parse: () throws(DocumentError) -> DocumentRecord) -> Outcome {
        do {
            let record = try parse()
            return .record(id: Array(record.id.utf8), text: Array(record.text.utf8), metadata: record.metadata)
        } catch {
            return .error("\(error.source) \(error.documentID ?? "-") \(error)")
        }
    }

    func testSameRecordsAndErrorsAsThePathThroughTheObject() {
        var generator = SystemRandomNumberGenerator()
        var records = 0
        for fields in [RecordFields.standard, RecordFields(id: "doc_id", text: "content"), RecordFields(id: "id", text: "id")] {
            for round in 0..<10_000 {
                let line = Self.randomLine(&generator)
                line.withUnsafeBufferPointer { bytes in
                    let fast = Self.outcome { () throws(DocumentError) in try JSONLRecordParser.parseRecord(line: bytes, source: "c.jsonl:\(round)", fields: fields) }
                    let object = Self.outcome { () throws(DocumentError) in
                        try JSONLRecordParser.parseRecordThroughObject(line: bytes, source: "c.jsonl:\(round)", fields: fields)
                    }
                    XCTAssertEqual(fast, object, "\(String(decoding: line, as: UTF8.self)) with \(fields)")
                    if case .record = fast { records += 1 }
                }
            }
        }
        XCTAssertGreaterThan(records, 500, "enough good records to exercise the members path")
    }

    /// A repeated key keeps its last value (as the JSON object does), whether it is the id,
    /// the text or a metadata field.
    func testARepeatedKeyKeepsItsLastValue() throws {
        let line = Array(#"{"id":"a","text":"first","title":"T1","id":"b","title":"T2","text":"second"}"#.utf8)
        let record = try line.withUnsafeBufferPointer { (bytes) throws(DocumentError) in
            try JSONLRecordParser.parseRecord(line: bytes, source: "c.jsonl:1")
        }
        XCTAssertEqual(record.id, "b")
        XCTAssertEqual(record.text, "second")
        XCTAssertEqual(record.metadata.title, "T2")
    }

    func testObjectMembersKeepsTheOrderAndEveryRepeatedKey() {
        let line = Array(#" {"b":"1", "a":[2], "b":{"c":null}} "#.utf8)
        let members = line.withUnsafeBufferPointer { JSONParser.objectMembers($0) }
        XCTAssertEqual(members?.map(\.key), ["b", "a", "b"])
        XCTAssertEqual(members?.map(\.value), [.string("1"), .array([.integer(2)]), .object(["c": .null])])
        for bad in [#"{"b":"1"} x"#, #"["b"]"#, #"{"b":}"#, #""b""#, ""] {
            XCTAssertNil(Array(bad.utf8).withUnsafeBufferPointer { JSONParser.objectMembers($0) }, bad)
        }
    }
}
