import ArgumentParser
import Foundation
import Marginalia

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print a document with its annotations.",
        discussion: """
            Document labels come first, then the text with each span marked [n], then the
            spans: n, code-point range, label, score, plugin and the covered text.

            Example:
              marginalia show 000_fac921506216631c
            """
    )

    @Argument(help: "The document id.")
    var documentID: String

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: ArgumentHelp("Only annotations with this label (or label prefix ending in '.' or ':').", valueName: "label"))
    var label: String?

    func run() throws {
        let store = try storeOptions.open()
        guard let document = try store.document(id: documentID) else {
            throw CommandFailure("no document '\(documentID)' in \(storeOptions.store)")
        }
        var annotations = try store.annotations(documentID: documentID)
        if let label {
            annotations = annotations.filter { $0.label == label || ((label.hasSuffix(".") || label.hasSuffix(":")) && $0.label.hasPrefix(label)) }
        }
        print(DocumentRenderer.render(document, annotations: annotations))
    }
}
