import XCTest
@testable import Marginalia

/// `DocumentMetadata.writeJSON(toUTF8:)` writes the known fields in key order without
/// building `jsonObject`: it must give exactly the bytes of the object it stands for.
final class DocumentMetadataJSONTests: XCTestCase {
    func testSameBytesAsTheJSONObjectOnRandomMetadata() {
        var generator = SplitMix64(seed: 6_398)
        let pieces = ["", "en", "fr", "und", "news.jsonl:12", "2016-03-22", "Hà Nội", "\"q\"", "a\\b", "\n\t", "\u{1}", "😀", "e\u{301}"]
        func text() -> String? {
            Int.random(in: 0..<3, using: &generator) == 0 ? nil
                : (0..<Int.random(in: 1...3, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
        }
        for round in 0..<20_000 {
            var metadata = DocumentMetadata(title: text(), date: text(), language: text(), url: text(), source: text(),
                                            isNFD: Bool.random(using: &generator), input: text())
            if Int.random(in: 0..<4, using: &generator) == 0 {
                // Extra fields, some named like the known ones (which the known ones override,
                // except `input`, which an extra field keeps).
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    let key = ["input", "nfd", "lang", "title", "desk", "Z", "é", "a"].randomElement(using: &generator)!
                    metadata.extra[key] = text() ?? ""
                }
            }
            var bytes: [UInt8] = [0x2C]
            metadata.writeJSON(toUTF8: &bytes)
            var expected: [UInt8] = [0x2C]
            JSONValue.object(metadata.jsonObject).write(toUTF8: &expected)
            XCTAssertEqual(String(decoding: bytes, as: UTF8.self), String(decoding: expected, as: UTF8.self), "round \(round)")
            if bytes != expected { return }
        }
    }

    func testTheUsualMetadataOfAJSONLRecord() {
        var bytes: [UInt8] = []
        DocumentMetadata(language: "en", isNFD: true, input: "news.jsonl:7").writeJSON(toUTF8: &bytes)
        XCTAssertEqual(String(decoding: bytes, as: UTF8.self), #"{"input":"news.jsonl:7","lang":"en","nfd":true}"#)
        bytes = []
        DocumentMetadata().writeJSON(toUTF8: &bytes)
        XCTAssertEqual(String(decoding: bytes, as: UTF8.self), "{}")
    }
}
