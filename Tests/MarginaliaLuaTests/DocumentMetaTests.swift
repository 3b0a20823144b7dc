import Marginalia
import MarginaliaLua
import XCTest

/// `doc.meta` holds exactly the document's `DocumentMetadata.jsonObject`: the extra fields,
/// the named fields over extra ones of the same name, and `input` only when no extra field
/// is called so.
final class DocumentMetaTests: XCTestCase {
    private let listing = """
        local keys = {}
        for key in pairs(doc.meta) do keys[#keys + 1] = key end
        table.sort(keys)
        for i, key in ipairs(keys) do
          local value = doc.meta[key]
          keys[i] = key .. "=" .. type(value) .. ":" .. tostring(value)
        end
        return table.concat(keys, ";")
        """

    private func expected(_ metadata: DocumentMetadata) -> String {
        metadata.jsonObject.sorted { $0.key < $1.key }.map { key, value in
            switch value {
            case .string(let text): return "\(key)=string:\(text)"
            case .bool(let flag): return "\(key)=boolean:\(flag)"
            default: return "\(key)=?"
            }
        }.joined(separator: ";")
    }

    func testTheMetaTableIsTheMetadataObject() throws {
        let cases = [
            DocumentMetadata(),
            DocumentMetadata(title: "T", language: "en"),
            DocumentMetadata(title: "Title", date: "2024-01-02", language: "fr", url: "https://x.example/a", source: "wire",
                             isNFD: true, extra: ["section": "world", "author": "A. B."], input: "in/news.jsonl:3"),
            // Extra fields named like the named ones: the named ones win, an extra input stays.
            DocumentMetadata(title: "Named", isNFD: true,
                             extra: ["title": "extra title", "input": "extra input", "nfd": "no", "lang": "xx"], input: "file.jsonl:1"),
            DocumentMetadata(extra: ["url": "u"], input: "only-input.txt"),
        ]
        for metadata in cases {
            let host = try PluginHost()
            let document = Document(id: "d", text: "Text.", metadata: metadata)   // fills in a language guess
            let listed = try host.evaluate(listing, on: document).get().values
            XCTAssertEqual(listed, [expected(document.metadata)], "\(document.metadata)")
        }
    }
}
