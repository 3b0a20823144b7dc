import ArgumentParser
import Foundation
import Marginalia

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the annotations of the store (all, or filtered), sorted deterministically.",
        discussion: """
            jsonl (default): one object per line with document, label, start and end \
            (half-open code-point offsets; absent for document labels), text, score, plugin, \
            plugin_version, plugin_sha256 and features. --with-documents adds one \
            {"document", "kind":"document", "metadata", "text"} line before each document's \
            annotations, so that `marginalia import` rebuilds the store from the file alone.

            w3c: one W3C Web Annotation AnnotationCollection (JSON-LD); spans have a \
            TextPositionSelector and a TextQuoteSelector in code points; the creator is the \
            plugin with its version and sha256.

            brat: --output DIR gets <id>.txt and <id>.ann per document and annotation.conf, \
            ready for brat or INCEpTION. Labels become brat types (defense.term → \
            defense_term) with the exact label, plugin and score in an AnnotatorNotes line. \
            Spans only: brat has no document labels.

            csv: one row per annotation with the jsonl fields as columns, then the \
            document's date, language, source and title, then one feature.NAME column per \
            feature name the exported annotations use (a string as is, other values as \
            JSON; the features column keeps the whole object).

            Filters (every format; they combine with AND): --plugin NAME or NAME@VERSION, \
            --label (exact, or a family ending in '.' or ':'), --from/--to (document \
            dates, inclusive), --document, --language. With a plugin or label filter, \
            documents left without annotations are not written (nor their --with-documents \
            line). Without filters the export is the whole store.

            Every format is sorted (document, document labels first, then spans by \
            position), so the same store always gives the same bytes.

            Examples:
              marginalia export > annotations.jsonl
              marginalia export --plugin places@1.0.0 --label entity:country --format csv
              marginalia export --from 2016-01-01 --to 2016-06-30 --label topic:
              marginalia export --document tmt-1204 --format w3c
              marginalia export --with-documents --output corpus.jsonl
              marginalia export --format w3c --output annotations.jsonld
              marginalia export --format brat --output brat/
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case jsonl, w3c, brat, csv }

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup(title: "Filters") var filters: AnnotationFilterOptions

    @Option(help: "Output format.")
    var format: Format = .jsonl

    @Option(name: [.short, .long], help: ArgumentHelp("Write here instead of standard output.", valueName: "file"))
    var output: String?

    @Flag(name: .customLong("with-documents"), help: "jsonl: also write each document's text and metadata, for `marginalia import`.")
    var withDocuments = false

    func validate() throws {
        if format == .brat && output == nil { throw ValidationError("--format brat writes a folder: give it with --output DIR") }
        if withDocuments && format != .jsonl { throw ValidationError("--with-documents applies to --format jsonl only") }
    }

    func run() throws {
        let store = try storeOptions.open()
        let query = try filters.query(checkedAgainst: store)
        if format == .brat {
            let count = try BratExporter.export(from: store, query: query, to: output!)
            Console.error("\(Plural.count(count, "document")) written to \(output!)")
            return
        }
        let sink = try OutputSink(path: output)
        switch format {
        case .jsonl: try JSONLExporter.export(from: store, query: query, withDocuments: withDocuments) { line in sink.write(line) }
        case .w3c: try W3CExporter.export(from: store, query: query) { text in sink.write(text) }
        case .csv: try CSVExporter.export(from: store, query: query) { text in sink.write(text) }
        case .brat: break
        }
        try sink.close()
    }
}

/// Buffered output to a file (written to a temporary name, then moved into place so a
/// failed export never leaves half a file) or to standard output (escaped for a terminal).
final class OutputSink {
    private let handle: FileHandle
    private let path: String?
    private let temporary: String?
    private var buffer = Data()

    init(path: String?) throws {
        self.path = path
        if let path {
            let temporary = path + ".partial"
            guard FileManager.default.createFile(atPath: temporary, contents: nil),
                  let handle = FileHandle(forWritingAtPath: temporary) else {
                throw CommandFailure("cannot write \(path)")
            }
            self.handle = handle
            self.temporary = temporary
        } else {
            handle = FileHandle.standardOutput
            temporary = nil
        }
    }

    func write(_ text: String) {
        // Into a file or a pipe the bytes stay; on a terminal a person reads them (see printData).
        buffer.append(contentsOf: Array((path == nil && standardOutputIsATerminal ? TerminalText.safe(text) : text).utf8))
        if buffer.count > 1 << 20 { flush() }
    }

    private func flush() {
        handle.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        flush()
        guard let path, let temporary else { return }
        try handle.close()
        _ = try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.moveItem(atPath: temporary, toPath: path)
    }
}
