import Foundation
import GRDB
import MarginaliaTestSupport
import XCTest

/// The store through the `marginalia` binary: every byte of a document kept (NUL included),
/// `marginalia check`, damaged stores named with what to do — never a signal —, and a store
/// path in a missing folder named as such.
final class StoreSafetyTests: XCTestCase {
    private var directory: TemporaryDirectory!

    override func setUpWithError() throws {
        directory = TemporaryDirectory()
        directory.write("plugins/tanks.lua", """
            local words = marginalia.lexicon{ "tanks", "harvest" }
            return {
              name = "tanks", version = "1.0", description = "tanks and harvests", labels = { "term" },
              annotate = function (doc)
                for _, m in ipairs(words:find_all(doc)) do doc:annotate(m.start, m.stop, "term") end
              end,
            }
            """)
    }

    override func tearDown() { directory = nil }

    private func run(_ arguments: [String]) throws -> CommandResult {
        try marginalia(arguments, in: directory.path)
    }

    private func annotate(_ input: String, store: String = "s.sqlite") throws {
        let result = try run(["annotate", input, "--plugins", "plugins", "--only", "tanks", "--store", store, "--quiet"])
        XCTAssertEqual(result.status, 0, result.stderr)
    }

    func testADocumentWithANULByteIsStoredWholeAndExports() throws {
        // 313 bytes with a NUL in the middle, spans on both sides of it.
        var text = "The army bought tanks. " + String(repeating: "Filler words here. ", count: 6) + "\u{0}"
        text += String(repeating: "More filler text. ", count: 8) + "The harvest was poor and more tanks came."
        directory.write("in/nul.txt", text)
        try annotate("in")
        let export = try run(["export", "--with-documents", "--store", "s.sqlite"])
        XCTAssertEqual(export.status, 0, export.stderr)
        let lines = export.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        XCTAssertEqual(lines.first?["text"] as? String, text, "the document line carries every byte")
        let terms = lines.dropFirst().compactMap { $0["text"] as? String }
        XCTAssertEqual(terms, ["tanks", "harvest", "tanks"], export.stdout)
        let check = try run(["check", "--store", "s.sqlite"])
        XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
        XCTAssertTrue(check.stdout.contains("s.sqlite: ok (1 documents and 3 annotations checked)"), check.stdout)
    }

    func testCheckSaysWhatIsWrongAndExportNamesTheBadRowInsteadOfTrapping() throws {
        directory.write("in/a.txt", "The army bought tanks.\n")
        try annotate("in")
        try DatabaseQueue(path: directory.file("s.sqlite")).write { db in
            try db.execute(sql: "UPDATE annotations SET byte_end = 900, cp_end = 900")
        }
        let check = try run(["check", "--store", "s.sqlite"])
        XCTAssertEqual(check.status, 1, check.stderr)
        XCTAssertTrue(check.stdout.contains("document a: annotation 1 'term' of tanks 1.0: bytes 16..<900 are outside the text (23 bytes)"), check.stdout)
        XCTAssertTrue(check.stderr.contains("s.sqlite: 1 problem"), check.stderr)
        let export = try run(["export", "--store", "s.sqlite"])
        XCTAssertEqual(export.status, 1, "an error, not a signal: \(export.stderr)")
        XCTAssertTrue(export.stderr.contains("document a: annotation 'term' of tanks 1.0 at bytes 16..<900"), export.stderr)
    }

    // MARK: damaged stores

    /// A store of 300 documents, checkpointed into its main file.
    private func bigStore() throws -> String {
        directory.write("in/news.jsonl", SyntheticCorpus.jsonl(count: 300))
        try annotate("in")
        let path = directory.file("s.sqlite")
        try DatabaseQueue(path: path).writeWithoutTransaction { db in _ = try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        return path
    }

    private static let commands = [["export"], ["check"], ["query", "--label", "term"], ["errors"],
                                   ["annotate", "in", "--plugins", "plugins", "--only", "tanks", "--quiet"]]

    /// Runs the reading commands and the annotate command on a damaged store: each must end
    /// with status 1 (never a signal) and a message naming the store that contains `expected`.
    private func assertNamed(_ expected: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        for command in Self.commands {
            let result = try run(command + ["--store", "s.sqlite"])
            XCTAssertEqual(result.status, 1, "marginalia \(command.joined(separator: " ")): \(result.stderr)", file: file, line: line)
            XCTAssertTrue(result.stderr.contains("s.sqlite"), "\(command): \(result.stderr)", file: file, line: line)
            XCTAssertTrue(expected.contains { result.stderr.contains($0) || result.stdout.contains($0) },
                          "\(command): \(result.stdout) \(result.stderr)", file: file, line: line)
        }
    }

    func testATruncatedStoreIsNamedAsDamaged() throws {
        let path = try bigStore()
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int
        XCTAssertGreaterThan(size, 100_000)
        truncate(path, off_t(size / 2))
        try assertNamed(["the store is damaged", "problem"])
    }

    func testBytesFlippedInTheMiddleAreNamedNotTrapped() throws {
        let path = try bigStore()
        var bytes = [UInt8](FileManager.default.contents(atPath: path)!)
        var generator = SplitMix(seed: 13)
        for _ in 0..<400 {
            let offset = bytes.count / 4 + Int(generator.next() % UInt64(bytes.count / 2))
            bytes[offset] ^= UInt8(truncatingIfNeeded: generator.next() | 1)
        }
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(bytes)), "the damaged store is written: \(path)")
        // A command that reads no damaged page may well succeed; none may die of a signal,
        // and what fails names the store and the damage.
        for command in Self.commands {
            let result = try run(command + ["--store", "s.sqlite"])
            XCTAssertTrue(result.status == 0 || result.status == 1, "marginalia \(command.joined(separator: " ")): status \(result.status) \(result.stderr)")
            if result.status == 1 {
                XCTAssertTrue(result.stderr.contains("s.sqlite"), "\(command): \(result.stderr)")
                XCTAssertTrue(["the store is damaged", "problem", "damaged:"].contains { result.stderr.contains($0) }, "\(command): \(result.stderr)")
            }
        }
        let check = try run(["check", "--store", "s.sqlite"])
        XCTAssertEqual(check.status, 1, "check finds the damage: \(check.stdout)")
        let export = try run(["export", "--store", "s.sqlite"])
        XCTAssertEqual(export.status, 1, "the export reads every page: \(export.stdout.prefix(300))")
    }

    func testAFileThatIsNotSQLiteIsNamed() throws {
        directory.write("in/a.txt", "The army bought tanks.\n")
        directory.write("s.sqlite", String(repeating: "These are my notes, not a database.\n", count: 200))
        try assertNamed(["not a Marginalia store: SQLite cannot read it as a database"])
        XCTAssertTrue(try String(contentsOfFile: directory.file("s.sqlite"), encoding: .utf8).hasPrefix("These are my notes"),
                      "the file is left as it was")
    }

    func testAStoreInAMissingFolderNamesTheFolder() throws {
        directory.write("in/a.txt", "The army bought tanks.\n")
        let result = try run(["annotate", "in", "--plugins", "plugins", "--only", "tanks", "--store", "runs/s.sqlite", "--quiet"])
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("runs/s.sqlite: cannot open the store file: its folder runs does not exist"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.file("runs")), "no folder made behind the user's back")
    }

    func testAStoreWrittenByANewerMarginaliaIsRefusedWithWhatToDo() throws {
        directory.write("in/a.txt", "The army bought tanks.\n")
        try annotate("in")
        try DatabaseQueue(path: directory.file("s.sqlite")).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99: a layout from the future')")
        }
        try assertNamed(["written by a newer Marginalia"])
        let result = try run(["export", "--store", "s.sqlite"])
        XCTAssertTrue(result.stderr.contains("use that newer version"), result.stderr)
    }
}

/// A small seeded generator (SplitMix64), so that damage is the same on every run.
struct SplitMix {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
