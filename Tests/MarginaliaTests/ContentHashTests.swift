import Foundation
@testable import Marginalia
import XCTest

/// The hex digests every document, file and plugin is identified by: the standard test
/// vectors of SHA-256 (FIPS 180-2), through each way of hashing, and agreement between them.
final class ContentHashTests: XCTestCase {
    private static let vectors: [(text: String, hex: String)] = [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        (String(repeating: "a", count: 1_000_000), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
    ]

    func testTheStandardVectorsThroughEveryWayOfHashing() throws {
        for (text, hex) in Self.vectors {
            XCTAssertEqual(ContentHash.sha256Hex(ofText: text), hex)
            XCTAssertEqual(ContentHash.sha256Hex(Array(text.utf8)), hex)
            var streaming = StreamingSHA256()
            Array(text.utf8).withUnsafeBytes { streaming.update($0) }
            XCTAssertEqual(streaming.hexDigest(), hex)
            let path = NSTemporaryDirectory() + "marginalia-hash-" + UUID().uuidString
            XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
            defer { try? FileManager.default.removeItem(atPath: path) }
            XCTAssertEqual(try StreamingSHA256.ofFile(atPath: path), hex)
        }
    }

    func testTheWaysOfHashingAgreeOnRandomTexts() {
        var generator = SplitMix64(seed: 256)
        for _ in 0..<300 {
            let bytes = (0..<Int.random(in: 0...300, using: &generator)).map { _ in UInt8.random(in: 0...0x7F, using: &generator) }
            let hex = ContentHash.sha256Hex(bytes)
            XCTAssertEqual(hex.utf8.count, 64)
            XCTAssertTrue(hex.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }, hex)
            XCTAssertEqual(ContentHash.sha256Hex(ofText: String(decoding: bytes, as: UTF8.self)), hex)
            var streaming = StreamingSHA256()
            bytes.withUnsafeBytes { whole in
                let cut = whole.count / 3
                streaming.update(UnsafeRawBufferPointer(rebasing: whole[..<cut]))
                streaming.update(UnsafeRawBufferPointer(rebasing: whole[cut...]))
            }
            XCTAssertEqual(streaming.hexDigest(), hex)
        }
    }
}
