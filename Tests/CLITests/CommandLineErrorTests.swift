import Foundation
import MarginaliaTestSupport
import XCTest

/// Bad input through the `marginalia` binary: a non-zero exit and a message on standard
/// error that names the file and, when there is one, the line.
final class CommandLineErrorTests: XCTestCase {
    private var directory: TemporaryDirectory!

    override func setUpWithError() throws {
        directory = TemporaryDirectory()
        directory.write("docs/d1.txt", "Tanks rolled into the capital.\n")
        // A tagger of our own, so that the messages below do not move with the bundled ones.
        directory.write("plugins/defense.lua", """
            local words = marginalia.lexicon{ "tanks" }
            return {
              name = "defense", version = "1.0.0", description = "tanks", labels = { "defense.term" },
              annotate = function (doc)
                for _, m in ipairs(words:find_all(doc)) do doc:annotate(m.start, m.stop, "defense.term") end
              end,
            }
            """)
        let annotated = try marginalia(["annotate", "docs", "--plugins", "plugins", "--only", "defense", "--quiet", "--store", "s.sqlite"],
                                       in: directory.path)
        XCTAssertEqual(annotated.status, 0, annotated.stderr)
    }

    override func tearDown() { directory = nil }

    /// Runs a command that must fail and returns its standard error.
    private func failure(_ arguments: [String]) throws -> String {
        let result = try marginalia(arguments + ["--store", "s.sqlite"], in: directory.path)
        XCTAssertNotEqual(result.status, 0, "marginalia \(arguments.joined(separator: " ")) should fail: \(result.stdout)")
        XCTAssertEqual(result.stdout, "", "errors go to standard error")
        return result.stderr
    }

    func testUnknownFormatsAreRefusedWithWhatToTypeInstead() throws {
        XCTAssertTrue(try failure(["export", "--format", "xml"]).contains("Please provide one of 'jsonl', 'w3c', 'brat' or 'csv'"))
        directory.write("notes.xml", "<x/>")
        XCTAssertEqual(try failure(["import", "notes.xml"]), "Error: notes.xml: unknown format; name it .sqlite, .jsonl or .ann, or pass --format store|jsonl|brat\n")
        XCTAssertEqual(try failure(["evaluate", "--gold", "notes.xml"]),
                       "Error: notes.xml: unknown gold format; give a .tsv label table, a brat .ann file or a folder of .ann files\n")
        XCTAssertEqual(try failure(["merge", "--policy", "average"]),
                       "Error: unknown merge policy 'average'; use one of max, mean, vote, weighted, noisy-or\n")
    }

    func testAnAnnFileThatDoesNotMatchItsTextNamesFileAndLine() throws {
        directory.write("hand/d1.ann", "T1\tdefense_term 0 5\tTanks\nT2\tdefense_term 6 12\tparade\n")
        XCTAssertEqual(try failure(["import", "hand"]),
                       "Error: hand/d1.ann:2: the annotation says 'parade' but the text at 6 12 is 'rolled'; does this .ann belong to this text?\n")
        XCTAssertTrue(try failure(["evaluate", "--gold", "hand"]).hasPrefix("Error: hand/d1.ann:2: the annotation says 'parade'"))
        directory.write("other/d1.txt", "Tanks rolled out of the capital.\n")
        directory.write("other/d1.ann", "T1\tdefense_term 0 5\tTanks\n")
        XCTAssertTrue(try failure(["import", "other/d1.ann"]).hasPrefix("Error: other/d1.txt: differs from the text of document 'd1' in the store"))
    }

    func testAGoldTableNamingAnUnknownDocumentNamesFileAndLine() throws {
        directory.write("gold.tsv", "# hand labels\ndocument\tdefense\nd1\t1\nd2\t0\n")
        XCTAssertEqual(try failure(["evaluate", "--gold", "gold.tsv"]), "Error: gold.tsv:4: unknown document 'd2': it is not in the store\n")
        directory.write("bad.tsv", "document\tdefense\nd1\tmaybe\n")
        XCTAssertEqual(try failure(["evaluate", "--gold", "bad.tsv"]), "Error: bad.tsv:2: cell 'maybe' in column defense: use 1, 0 or ?\n")
        XCTAssertEqual(try failure(["evaluate", "--gold", "missing.tsv"]), "Error: missing.tsv: no such file or folder\n")
    }

    func testABadJSONLLineNamesFileAndLineAndWritesNothing() throws {
        let good = #"{"document":"d1","label":"x","score":1,"plugin":"p","plugin_version":"1","plugin_sha256":"h"}"#
        directory.write("in.jsonl", good + "\n" + #"{"document":"d9","label":"x","score":1,"plugin":"p","plugin_version":"1","plugin_sha256":"h"}"# + "\n")
        XCTAssertTrue(try failure(["import", "in.jsonl"]).hasPrefix("Error: in.jsonl:2: unknown document 'd9'"))
        let layers = try marginalia(["query", "--plugin", "p", "--count", "--store", "s.sqlite"], in: directory.path)
        XCTAssertEqual(layers.stdout.split(separator: "\n").last?.split(separator: " "), ["total", "0"], "nothing imported: \(layers.stdout)")
    }

    func testMissingLayersAndVersionsListWhatTheStoreHas() throws {
        XCTAssertEqual(try failure(["evaluate", "--gold", "x.tsv", "--plugin", "nope"]).components(separatedBy: "\n").first,
                       "Error: no layer 'nope' in the store; it has defense@1.0.0")
        XCTAssertEqual(try failure(["diff", "--plugin", "defense", "--from", "1.0.0", "--to", "9"]),
                       "Error: s.sqlite: plugin 'defense' has no version 9; stored: 1.0.0\n")
        XCTAssertEqual(try failure(["diff", "--plugin", "nope", "--from", "1", "--to", "2"]),
                       "Error: s.sqlite: no output of plugin 'nope'; the store has defense\n")
        XCTAssertTrue(try failure(["merge", "--policy", "max", "--weights", "a=1"]).hasPrefix("Error: --weights is only used by --policy weighted\n"))
        XCTAssertTrue(try failure(["merge", "--policy", "weighted", "--weights", "defense"]).hasPrefix("Error: bad weight 'defense': write plugin=weight"))
    }
}
