import Foundation
@testable import Marginalia
import XCTest

/// A group gives every member exactly what the member finds alone.
final class LexiconGroupTests: XCTestCase {
    private func bundledLexicons() throws -> [Lexicon] {
        var root = URL(fileURLWithPath: #filePath)
        while !FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path) { root.deleteLastPathComponent() }
        let plugins = root.appendingPathComponent("Plugins")
        let files = try FileManager.default.contentsOfDirectory(atPath: plugins.path).sorted().flatMap { plugin in
            let folder = plugins.appendingPathComponent(plugin).appendingPathComponent("lexicons")
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            return names.filter { $0.hasSuffix(".txt") }.sorted().map { folder.appendingPathComponent($0) }
        }
        XCTAssertGreaterThanOrEqual(files.count, 5)
        return try files.map { file in
            let text = try String(contentsOf: file, encoding: .utf8)
            let terms = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty && !$0.hasPrefix("#") }
            return try Lexicon(terms: terms)
        }
    }

    func testEveryMemberGetsWhatItFindsAloneOnRealAndShuffledText() throws {
        let lexicons = try bundledLexicons() + [try Lexicon(terms: ["tank", "tanks", "UN", "vote", "défense", "Hà Nội"])]
        let group = try LexiconGroup(lexicons)
        // Text made of every term of every lexicon in many orders and cases, with separators
        // that do and do not make word boundaries, plus some accents in NFD.
        let allTerms = lexicons.flatMap(\.terms)
        var generator = SystemRandomNumberGenerator()
        var texts: [String] = [allTerms.joined(separator: " "), allTerms.joined(separator: "-").uppercased()]
        for _ in 0..<200 {
            let words = (0..<60).map { _ in allTerms.randomElement(using: &generator)! }
            let separators = [" ", ", ", "’s ", "x", "\n", " l’", "e\u{301} "]
            texts.append(words.map { $0 + separators.randomElement(using: &generator)! }.joined())
        }
        for text in texts {
            let bytes = Array(text.utf8)
            let together = bytes.withUnsafeBufferPointer { group.matches(inUTF8: $0) }
            for (member, lexicon) in lexicons.enumerated() {
                let alone = bytes.withUnsafeBufferPointer { lexicon.matches(inUTF8: $0) }
                XCTAssertEqual(together[member], alone, "member \(member) on: \(text.prefix(120))")
            }
        }
    }
}
