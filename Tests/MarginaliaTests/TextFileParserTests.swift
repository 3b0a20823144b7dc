@testable import Marginalia
import XCTest

final class TextFileParserTests: XCTestCase {
    func parse(_ text: String) throws -> Document {
        try TextFileParser.parse(bytes: Array(text.utf8), id: "a", source: "a.txt")
    }

    func testTitleIsTheFirstNonEmptyLineAndTheTextIsUnchanged() throws {
        let text = "\n  Tanks roll in  \nBody text.\n"
        let document = try parse(text)
        XCTAssertEqual(document.metadata.title, "Tanks roll in")
        XCTAssertEqual(document.text, text)
        XCTAssertNil(document.metadata.date)
    }

    func testDateMarkerBeforeTheTitleOnOneLineOrAlone() throws {
        let inline = try parse(" date 2024-12-25 HÀ NỘI — A visit.\nMore.")
        XCTAssertEqual(inline.metadata.date, "2024-12-25")
        XCTAssertEqual(inline.metadata.title, "HÀ NỘI — A visit.")
        let alone = try parse("date 2025-03-14\nDockers end strike\nBody.")
        XCTAssertEqual(alone.metadata.date, "2025-03-14")
        XCTAssertEqual(alone.metadata.title, "Dockers end strike")
        XCTAssertNil(try parse("date 2025-3-14 not a date").metadata.date)
    }

    func testEmptyAndInvalidFilesNameTheProblem() {
        XCTAssertThrowsError(try parse(" \n\t\n")) { XCTAssertTrue("\($0)".contains("a.txt"), "\($0)") }
        XCTAssertThrowsError(try TextFileParser.parse(bytes: [0x41, 0xC3, 0x28], id: "b", source: "b.txt")) {
            XCTAssertTrue("\($0)".contains("byte offset 1"), "\($0)")
        }
    }
}
