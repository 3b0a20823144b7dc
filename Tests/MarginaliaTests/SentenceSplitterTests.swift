import XCTest
@testable import Marginalia

final class SentenceSplitterTests: XCTestCase {
    private func split(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return SentenceSplitter.sentences(in: text).map {
            String(decoding: bytes[$0.byteStart..<$0.byteEnd], as: UTF8.self)
        }
    }

    func testBasicTerminators() {
        XCTAssertEqual(split("One. Two! Three? Four… Five"), ["One.", "Two!", "Three?", "Four…", "Five"])
        XCTAssertEqual(split("Really?! Yes."), ["Really?!", "Yes."])
        XCTAssertEqual(split("Wait... What"), ["Wait...", "What"])
        XCTAssertEqual(split("It rose 5%. 2017 was good."), ["It rose 5%.", "2017 was good."])
    }

    func testNoSplitWithoutUppercaseOrSpace() {
        XCTAssertEqual(split("e.g. the end. and more"), ["e.g. the end. and more"])
        XCTAssertEqual(split("Version 3.5 is out.Next"), ["Version 3.5 is out.Next"])
    }

    func testClosingAndOpeningQuotes() {
        XCTAssertEqual(split("He said \"Stop.\" Then left."), ["He said \"Stop.\"", "Then left."])
        XCTAssertEqual(split("(It ended.) Next one."), ["(It ended.)", "Next one."])
        XCTAssertEqual(split("He left. “Why?” she asked."), ["He left.", "“Why?” she asked."])
        XCTAssertEqual(split("Done. \"Quote\" here."), ["Done.", "\"Quote\" here."])
    }

    func testAbbreviationsAndInitials() {
        XCTAssertEqual(split("Mr. Smith met Dr. Jones and Gen. Lee."), ["Mr. Smith met Dr. Jones and Gen. Lee."])
        XCTAssertEqual(split("Mrs. Lee, Lt. Dan, Col. Sanders, St. Louis."), ["Mrs. Lee, Lt. Dan, Col. Sanders, St. Louis."])
        XCTAssertEqual(split("The U.S. Army and the U.N. Council agreed."), ["The U.S. Army and the U.N. Council agreed."])
        XCTAssertEqual(split("J. Herzog spoke. Then he left."), ["J. Herzog spoke.", "Then he left."])
        XCTAssertEqual(split("Fruit, e.g. Apples, i.e. Red ones, vs. Pears."), ["Fruit, e.g. Apples, i.e. Red ones, vs. Pears."])
        XCTAssertEqual(split("M. Macron et Mme. Merkel."), ["M. Macron et Mme. Merkel."])
        XCTAssertEqual(split("He shouted! Mr. Smith left."), ["He shouted!", "Mr. Smith left."])
    }

    /// Scraped news (the corpus's tmt-* part) marks paragraph breaks as ".-" after a sentence.
    func testDashParagraphMarksAfterATerminator() {
        XCTAssertEqual(split("It ended on Tuesday.- The groups met."), ["It ended on Tuesday.", "The groups met."])
        XCTAssertEqual(split("It opens on Saturday.-The musical runs."), ["It opens on Saturday.", "The musical runs."])
        XCTAssertEqual(split("No comment on Tuesday.-- Public groups wait."), ["No comment on Tuesday.", "Public groups wait."])
        XCTAssertEqual(split("He said \"No.\"- \"Why?\" she asked."), ["He said \"No.\"", "\"Why?\" she asked."])
        XCTAssertEqual(split("Russia abstained.– China vetoed it."), ["Russia abstained.", "China vetoed it."])
    }

    func testDashesThatAreNotParagraphMarks() {
        XCTAssertEqual(split("U.S.-China trade and U.N.-backed talks."), ["U.S.-China trade and U.N.-backed talks."])
        XCTAssertEqual(split("J.-P. Sartre wrote it."), ["J.-P. Sartre wrote it."])
        XCTAssertEqual(split("It fell.-and then rose."), ["It fell.-and then rose."])
        XCTAssertEqual(split("Scores - 3-1 - were close."), ["Scores - 3-1 - were close."])
    }

    func testLineBreaks() {
        XCTAssertEqual(split("Headline here\nFirst sentence. Second one.\n\nNext paragraph"),
                       ["Headline here", "First sentence.", "Second one.", "Next paragraph"])
        XCTAssertEqual(split("a\r\nb\u{2029}c"), ["a", "b", "c"])
        XCTAssertEqual(split("line ends with lowercase\nand continues"), ["line ends with lowercase", "and continues"])
    }

    func testTrimmingAndEmpty() {
        XCTAssertEqual(split(""), [])
        XCTAssertEqual(split("  \n\n \t "), [])
        XCTAssertEqual(split("   Padded.   Next.  "), ["Padded.", "Next."])
        XCTAssertEqual(SentenceSplitter.sentences(in: " Hé. Ok"),
                       [TextSpan(byteStart: 1, byteEnd: 5), TextSpan(byteStart: 6, byteEnd: 8)])
    }

    func testUnicodeAndMalformed() {
        XCTAssertEqual(split("Ở Hà Nội. Đà Nẵng cũng vậy."), ["Ở Hà Nội.", "Đà Nẵng cũng vậy."])
        XCTAssertEqual(split("Fin. Élan."), ["Fin.", "Élan."])
        let bytes: [UInt8] = [0x41, 0x2E, 0x20, 0xFF, 0x2E, 0x20, 0x42, 0xC3]
        let spans = bytes.withUnsafeBufferPointer { SentenceSplitter.sentences(inUTF8: $0) }
        XCTAssertFalse(spans.isEmpty)
        for s in spans { XCTAssertTrue(s.byteStart < s.byteEnd && s.byteEnd <= bytes.count) }
    }
}
