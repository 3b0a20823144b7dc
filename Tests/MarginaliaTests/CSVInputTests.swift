import Foundation
import Marginalia
import XCTest

/// CSV corpora (RFC 4180 quoting, multi-line fields, metadata columns, errors naming file
/// and line) and JSONL with other field names.
final class CSVInputTests: XCTestCase {
    private var directory: String!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "marginalia-csv-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: directory) }

    private func write(_ name: String, _ text: String) -> String {
        let path = (directory as NSString).appendingPathComponent(name)
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
        return path
    }

    private func read(_ path: String, fields: RecordFields = .standard) -> (documents: [Document], errors: [String]) {
        var documents: [Document] = []
        var errors: [String] = []
        for item in CorpusReader(paths: [path], fields: fields) {
            switch item {
            case .success(let document): documents.append(document)
            case .failure(let error): errors.append(error.description)
            }
        }
        return (documents, errors)
    }

    func testQuotedFieldsWithCommasQuotesAndLineBreaksAndMetadataColumns() {
        let path = write("a.csv", "doc,body,date,lang,outlet\r\n"
                         + "n1,\"Tanks, \"\"drones\"\" and\r\nmissiles.\",2016-03-01,en,Reuters\r\n"
                         + "\r\n"
                         + "n2,Hà Nội voted.,,vi,\r\n")
        let (documents, errors) = read(path, fields: RecordFields(id: "doc", text: "body"))
        XCTAssertEqual(errors, [])
        XCTAssertEqual(documents.map(\.id), ["n1", "n2"])
        XCTAssertEqual(documents[0].text, "Tanks, \"drones\" and\nmissiles.")
        XCTAssertEqual(documents[0].metadata.date, "2016-03-01")
        XCTAssertEqual(documents[0].metadata.language, "en")
        XCTAssertEqual(documents[0].metadata.extra, ["outlet": "Reuters"])
        XCTAssertEqual(documents[0].metadata.input, path + ":2", "the line the record starts on")
        XCTAssertEqual(documents[1].metadata.input, path + ":5", "after the two-line record and a blank line")
        XCTAssertEqual(documents[1].metadata.extra, [:], "empty columns are left out")
    }

    func testBadRecordsNameFileAndLineAndTheRestIsRead() {
        let path = write("b.csv", "id,text\nn1,one\nn2,two,extra\n,no id\nn4,   \nn5,five\n")
        let (documents, errors) = read(path)
        XCTAssertEqual(documents.map(\.id), ["n1", "n5"])
        XCTAssertEqual(errors, ["\(path):3: 3 fields where the header has 2 columns",
                                "\(path):4: empty \"id\" column",
                                "\(path):5: the document is empty"])
    }

    func testAHeaderWithoutTheColumnsAndAnUnclosedQuoteAreErrorsNamingTheLine() {
        let noText = write("c.csv", "id,content\nn1,hello\n")
        XCTAssertEqual(read(noText).errors, ["\(noText):1: the header has no column \"text\" (its columns: id, content); name it with --text-column"])
        XCTAssertEqual(read(noText, fields: RecordFields(text: "content")).documents.map(\.text), ["hello"])
        let open = write("d.csv", "id,text\nn1,fine\nn2,\"never\nclosed\n")
        let (documents, errors) = read(open)
        XCTAssertEqual(documents.map(\.id), ["n1"])
        XCTAssertEqual(errors, ["\(open):3: a quoted field opened on line 3 is never closed (a missing \" ?); the rest of the file is in it"])
    }

    func testJSONLWithOtherFieldNamesAndAHintWhenTheyAreMissing() {
        let path = write("hf.jsonl", #"{"doc_id":"h1","content":"Hanoi voted in favour.","text":"summary"}"# + "\n")
        let (documents, errors) = read(path, fields: RecordFields(id: "doc_id", text: "content"))
        XCTAssertEqual(errors, [])
        XCTAssertEqual(documents.first?.text, "Hanoi voted in favour.")
        XCTAssertEqual(documents.first?.metadata.extra, ["text": "summary"], "the standard name is only metadata now")
        XCTAssertEqual(read(path).errors, ["\(path):1: missing string \"id\" (its fields: content, doc_id, text; choose with --id-field and --text-field)"])
    }
}
