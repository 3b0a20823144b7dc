import Foundation
import Marginalia
import MarginaliaBatch

/// The pipe mode of `annotate` (`--emit jsonl --store none`): each document's export lines
/// go to standard output as soon as it is done, in input order, one write per document;
/// failures go to standard error as one JSON object a line.
///
/// The lines are those of `marginalia export --format jsonl` (with `--with-documents`, the
/// document line first), so the output of a sorted corpus is byte for byte the export of a
/// store run, and `marginalia import` reads it back.
///
/// ```swift
/// let emitter = PipeEmitter(withDocuments: false)
/// let counts = try StreamAnnotator(plugins: plugins, jobs: 2).run(inputs: ["-"], emit: emitter.emit)
/// ```
struct PipeEmitter {
    let withDocuments: Bool

    func emit(_ finished: StreamAnnotator.Finished) throws {
        if !finished.errors.isEmpty {
            var text = ""
            for error in finished.errors { text += Self.errorLine(error) + "\n" }
            FileHandle.standardError.write(Data(text.utf8))
        }
        guard let document = finished.document else { return }
        var text = ""
        if withDocuments { text += JSONLExporter.documentLine(for: document) + "\n" }
        let utf8 = Array(document.text.utf8)
        for annotation in ExportOrder.sorted(finished.outputs.flatMap(\.annotations)) {
            text += try JSONLExporter.line(for: annotation, utf8: utf8) + "\n"
        }
        if standardOutputIsATerminal { text = TerminalText.safe(text) }   // bytes stay for a pipe (see printData)
        if !text.isEmpty { try Self.writeAll(Data(text.utf8)) }
    }

    /// A failure as one JSON object: kind, message, and document, source, plugin and line when known.
    static func errorLine(_ error: ProcessingError) -> String {
        var object: [String: JSONValue] = ["kind": .string(error.kind.rawValue), "message": .string(error.message)]
        if let id = error.documentID { object["document"] = .string(id) }
        if let source = error.source { object["source"] = .string(source) }
        if let plugin = error.plugin { object["plugin"] = .string(plugin) }
        if let line = error.line { object["line"] = .integer(Int64(line)) }
        return JSONValue.object(object).serialized()
    }

    /// Writes to standard output; a closed pipe (the reader went away) stops the run.
    private static func writeAll(_ data: Data) throws {
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(STDOUT_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw CommandFailure("cannot write to standard output: \(String(cString: strerror(errno)))")
                }
                offset += written
            }
        }
    }
}
