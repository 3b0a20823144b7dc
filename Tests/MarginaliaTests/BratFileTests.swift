import Marginalia
import XCTest

/// brat `.ann` parsing: text-bound lines in code points, checked against the text; an
/// `.ann` that belongs to another text fails with the file and line.
final class BratFileTests: XCTestCase {
    let text = "Hà Nội voted;\nViệt Nam abstained."
    //          0  3   7     13 14   19  23

    func testTextBoundLinesNotesAndFragments() throws {
        let ann = """
            T1\tplace 0 6\tHà Nội
            T2\tplace 14 22\tViệt Nam
            #1\tAnnotatorNotes T2\tlabel: geo.place | plugin: x
            R1\tnear Arg1:T1 Arg2:T2
            T3\tvote 7 12;23 32\tvoted abstained
            A1\tNegated T3

            """
        let file = try BratFile.parse(ann, file: "a.ann", documentText: text)
        XCTAssertEqual(file.spans.map { "\($0.id) \($0.label) \($0.start)-\($0.end) @\($0.line)" },
                       ["T1 place 0-6 @1", "T2 geo.place 14-22 @2", "T3 vote 7-12 @5", "T3 vote 23-32 @5"])
    }

    func testWindowsLineEndsAndLineBreaksInsideSpans() throws {
        let file = try BratFile.parse("T1\tx 7 18\tvoted; Việt\r\n", file: "a.ann", documentText: text)
        XCTAssertEqual(file.spans.map(\.end), [18], "the covered line break reads as a space")
    }

    func testAnAnnotationForAnotherTextNamesFileLineAndBothTexts() {
        XCTAssertThrowsError(try BratFile.parse("T1\tplace 0 6\tHà Nội\nT2\tplace 14 22\tHanoi\n", file: "a.ann", documentText: text)) {
            XCTAssertEqual("\($0)", "a.ann:2: the annotation says 'Hanoi' but the text at 14 22 is 'Việt Nam'; does this .ann belong to this text?")
        }
    }

    func testOffsetsPastTheEndAndMalformedLines() {
        func error(_ ann: String) -> String {
            do { _ = try BratFile.parse(ann, file: "b.ann", documentText: text); return "no error" } catch { return "\(error)" }
        }
        XCTAssertEqual(error("T1\tplace 30 40\tx\n"),
                       "b.ann:1: offsets 30–40 run past the end of the text (33 characters); is this .ann for another text?")
        XCTAssertEqual(error("\nT1\tplace 6 2\tx\n"), "b.ann:2: bad offsets '6 2'")
        XCTAssertEqual(error("T1\tplace 0 6\n"), "b.ann:1: a text-bound annotation needs 'T<n><TAB><type> <start> <end><TAB><text>'")
        XCTAssertEqual(error("T1\tplace\tHà\n"), "b.ann:1: expected '<type> <start> <end>', found 'place'")
    }

    func testBratSpellingsResolveToKnownLabelsOnlyWhenUnambiguous() throws {
        let file = try BratFile.parse("T1\tdefense_term 0 2\tHà\nT2\ta_b 3 6\tNội\nT3\tplace 0 2\tHà\n", file: "a.ann", documentText: text)
        let resolved = file.resolvingBratTypes(knownLabels: ["defense.term", "a.b", "a:b", "place"])
        XCTAssertEqual(resolved.spans.map(\.label), ["defense.term", "a_b", "place"], "a_b spells two labels: left alone")
    }
}
