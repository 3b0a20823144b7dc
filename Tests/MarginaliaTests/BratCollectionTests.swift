import Marginalia
import XCTest

/// brat files matched to documents by file stem: imported as a hand-annotation layer that
/// merges leave alone, and refused when the text does not match.
final class BratCollectionTests: XCTestCase {
    func testImportsSpansAsAGoldLayerAndAddsMissingDocuments() throws {
        let f = try StoreFixture()
        try f.add(documents: [("known", "Tanks rolled in.", nil, "en")])
        try f.output(StoreFixture.plugin("defense"), on: "known", spans: [("defense.term", 0, 5, 1)])
        try f.write("ann/known.ann", "T1\tdefense_term 0 5\tTanks\nT2\tdefense_term 0 5\tTanks\n")
        try f.write("ann/sub/new.txt", "Rice harvest.")
        try f.write("ann/sub/new.ann", "T1\tcrop 0 4\tRice\n")
        let collection = try BratCollection.load([f.directory + "/ann"], store: f.store)
        XCTAssertEqual(collection.items.map(\.document.id), ["known", "new"])
        XCTAssertEqual(try collection.importInto(f.store, layer: "alice"), 2)
        XCTAssertEqual(try f.store.document(id: "new")?.text, "Rice harvest.")
        let alice = try f.store.annotations(documentID: "known").filter { $0.plugin.name == "alice" }
        XCTAssertEqual(alice.map(\.label), ["defense.term"], "the repeated span is kept once")
        XCTAssertEqual(alice.first?.plugin.version, LayerName.handAnnotationVersion)
        XCTAssertEqual(LayerSelection.rawInputs(from: try f.store.layers(), allVersions: true).map(\.name), ["defense"],
                       "a hand layer is never a merge input, whatever its name")
        try collection.importInto(f.store, layer: "alice")
        XCTAssertEqual(try f.store.annotations(documentID: "known").filter { $0.plugin.name == "alice" }.count, 1, "re-import replaces")
    }

    func testATextFileThatDiffersFromTheStoredDocumentIsRefused() throws {
        let f = try StoreFixture()
        try f.add(documents: [("d", "Tanks rolled in.", nil, "en")])
        let txt = try f.write("ann/d.txt", "Tanks rolled out.")
        try f.write("ann/d.ann", "T1\tx 0 5\tTanks\n")
        XCTAssertThrowsError(try BratCollection.load([f.directory + "/ann/d.ann"], store: f.store)) {
            XCTAssertEqual("\($0)", "\(txt): differs from the text of document 'd' in the store; the offsets of d.ann would point elsewhere")
        }
    }

    func testMissingDocumentsAndWrongPathsAreNamed() throws {
        let f = try StoreFixture()
        let ann = try f.write("lonely.ann", "T1\tx 0 1\ta\n")
        XCTAssertThrowsError(try BratCollection.load([ann], store: f.store)) {
            XCTAssertEqual("\($0)", "\(ann): no document 'lonely' in the store and no lonely.txt beside it")
        }
        let notAnn = try f.write("notes.txt", "x")
        XCTAssertThrowsError(try BratCollection.load([notAnn], store: f.store)) { XCTAssertEqual("\($0)", "\(notAnn): not a brat .ann file") }
        try f.write("empty/readme.md", "x")
        XCTAssertThrowsError(try BratCollection.load([f.directory + "/empty"], store: f.store)) {
            XCTAssertTrue("\($0)".hasSuffix("empty: no .ann files in this folder"), "\($0)")
        }
    }
}
