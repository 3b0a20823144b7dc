import ArgumentParser
import Foundation
import Marginalia

/// Where `eval` and `repl` get their document: the store, a file or literal text.
struct DocumentSourceOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A document already in the store (see --store).", valueName: "id"))
    var doc: String?

    @Option(help: ArgumentHelp("A .txt or .jsonl file (its first document).", valueName: "file"))
    var file: String?

    @Option(help: ArgumentHelp("Literal text to use as the document.", valueName: "text"))
    var text: String?

    @Option(help: ArgumentHelp("Language code for --text (default: guessed).", valueName: "code"))
    var lang: String?

    func validate() throws {
        if [doc, file, text].compactMap({ $0 }).count > 1 {
            throw ValidationError("give only one of --doc, --file and --text")
        }
    }

    /// The chosen document; an empty one when none was chosen.
    func document(store: StoreOptions) throws -> Document {
        if let doc { return try Self.stored(doc, store: store) }
        if let file { return try Self.firstDocument(in: file) }
        return Document(id: "text", text: text ?? "", metadata: DocumentMetadata(language: lang))
    }

    static func stored(_ id: String, store: StoreOptions) throws -> Document {
        guard store.exists else {
            throw CommandFailure("no store at \(store.displayName); annotate first or pass --store FILE")
        }
        guard let document = try store.open().document(id: id) else {
            throw CommandFailure("no document '\(id)' in \(store.displayName)")
        }
        return document
    }

    static func firstDocument(in path: String) throws -> Document {
        var reader = CorpusReader(paths: [path]).makeIterator()
        switch reader.next() {
        case .success(let document)?: return document
        case .failure(let error)?: throw CommandFailure("\(error)")
        case nil: throw CommandFailure("\(path): no document found")
        }
    }
}
