import ArgumentParser
import Foundation
import Marginalia

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write every annotation of the store, sorted deterministically.",
        discussion: """
            jsonl: one object per line with document, label, start and end (half-open
            code-point offsets; absent for document labels), text, score, plugin,
            plugin_version, plugin_sha256 and features.

            Examples:
              marginalia export > annotations.jsonl
              marginalia export --store corpus.sqlite --output corpus.jsonl
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case jsonl }

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Output format.")
    var format: Format = .jsonl

    @Option(name: [.short, .long], help: ArgumentHelp("Write here instead of standard output.", valueName: "file"))
    var output: String?

    func run() throws {
        let store = try storeOptions.open()
        let sink = try OutputSink(path: output)
        try JSONLExporter.export(from: store) { line in sink.write(line) }
        try sink.close()
    }
}

/// Buffered output to a file (written to a temporary name, then moved into place so a
/// failed export never leaves half a file) or to standard output.
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
        buffer.append(contentsOf: Array(text.utf8))
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
