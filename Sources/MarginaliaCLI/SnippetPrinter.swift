import Foundation
import Marginalia
import MarginaliaLua

/// Prints what `eval` and `repl` ran: each plugin's annotations or error, the snippet's
/// returned values and its annotations. Returns false when something failed.
enum SnippetPrinter {
    static func print(_ result: Result<SnippetOutcome, ProcessingError>, document: Document, showPlugins: Bool = true) -> Bool {
        let utf8 = Array(document.text.utf8)
        var ok = true
        func show(_ annotations: [Annotation], indent: String = "  ") {
            for annotation in annotations { marginalia.print(indent + DocumentRenderer.describe(annotation, in: utf8)) }
        }
        switch result {
        case .failure(let error):
            Console.error("error: \(error.message)")
            return false
        case .success(let outcome):
            if showPlugins {
                for pluginResult in outcome.pluginResults {
                    switch pluginResult {
                    case .success(let output):
                        marginalia.print("\(output.plugin.name) \(output.plugin.version): \(output.annotations.count) annotation(s)")
                        show(output.annotations)
                    case .failure(let error):
                        ok = false
                        Console.error("error: \(error.message)")
                    }
                }
            }
            for value in outcome.values { marginalia.print(value) }
            if !outcome.annotations.isEmpty {
                marginalia.print("eval: \(outcome.annotations.count) annotation(s)")
                show(outcome.annotations)
            }
        }
        return ok
    }
}
