import ArgumentParser
import Foundation
import Marginalia
import MarginaliaPostgreSQL

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Read annotations into the store: another store, a JSONL export, or brat .ann hand annotations as a gold layer.",
        discussion: """
            store: another Marginalia store (a .sqlite file or a postgresql:// URL), such as the per-shard files \
            of a cluster job (`annotate --shard K/N --store shard-K.sqlite`) or a laptop's \
            store. Documents, plugin outputs and errors are copied; an output is skipped \
            when the target already has the same document text annotated by the same \
            plugin SHA-256 with the same parameters, so importing twice writes nothing \
            twice. Shards of one corpus combine into a store whose export is byte for \
            byte that of a single run.

            jsonl: a file written by `marginalia export --with-documents`, or one whose \
            documents are already in the store. Plugins keep their names, versions and \
            hashes, and exporting the new store gives the same bytes.

            brat: .ann files, or folders of them, from brat, INCEpTION or \
            `marginalia export --format brat`. An .ann names its document by its file \
            stem; its .txt must sit beside it unless the document is already in the store. \
            The spans become the hand-annotation layer --layer (default gold), which \
            `agreement` compares with the taggers, `evaluate --plugin gold` can score, and \
            `merge` leaves out. A brat type such as defense_term stands for the store \
            label defense.term; an AnnotatorNotes line 'label: …' gives the label exactly.

            Every line is checked before anything is written: an .ann whose spans do not \
            match its text, or a JSONL line naming an unknown document, stops the import \
            with the file and line.

            Examples:
              marginalia import shard-*.sqlite --store all.sqlite
              marginalia import laptop.sqlite --store postgresql://me@db.lab:5432/news
              marginalia export --with-documents --output all.jsonl
              marginalia import all.jsonl --store copy.sqlite
              marginalia import annotators/alice/ --layer alice
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case auto, store, jsonl, brat }

    @Argument(help: ArgumentHelp("Files or folders to import.", valueName: "path"))
    var paths: [String]

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Input format (auto: .sqlite is a store, .jsonl is JSONL, .ann files and folders are brat).")
    var format: Format = .auto

    @Option(help: ArgumentHelp("The layer name brat annotations are stored under.", valueName: "name"))
    var layer: String = LayerName.gold

    func run() throws {
        let store = try storeOptions.open()
        do {
            var brat: [String] = []
            for path in paths {
                switch try resolvedFormat(path) {
                case .store:
                    try importStore(path, into: store)
                case .jsonl:
                    let summary = try JSONLImporter.importFile(path, into: store)
                    print("\(path): \(summary.documents) documents, \(summary.annotations) annotations")
                default: brat.append(path)
                }
            }
            if !brat.isEmpty {
                let collection = try BratCollection.load(brat, store: store)
                let count = try collection.importInto(store, layer: layer)
                print("\(collection.items.count) brat files: \(count) spans into layer '\(layer)'")
            }
        }
    }

    private func importStore(_ path: String, into store: any AnnotationStore) throws {
        var source = StoreOptions()
        source.store = path
        let name = source.displayName
        guard source.exists else { throw CommandFailure("\(path): no such store") }
        if source.isPostgreSQL ? path == storeOptions.store : URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath() ==
            URL(fileURLWithPath: storeOptions.store).standardizedFileURL.resolvingSymlinksInPath() {
            throw CommandFailure("\(name) is the target store itself; pass the store to import into with --store")
        }
        let summary = try StoreImporter.importStore(try source.open(), named: name, into: store)
        var line = "\(name): \(summary.documents) documents, \(summary.outputs) plugin outputs (\(summary.annotations) annotations)"
        if summary.outputsAlreadyThere > 0 { line += ", \(summary.outputsAlreadyThere) outputs already there" }
        if summary.errors > 0 { line += ", \(summary.errors) errors" }
        print(line)
    }

    private func resolvedFormat(_ path: String) throws -> Format {
        if format != .auto { return format }
        if path.hasSuffix(".sqlite") || path.hasSuffix(".db") || PostgreSQLURL.isPostgreSQL(path) { return .store }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { return .brat }
        if path.hasSuffix(".jsonl") { return .jsonl }
        if path.hasSuffix(".ann") { return .brat }
        throw CommandFailure("\(path): unknown format; name it .sqlite, .jsonl or .ann, or pass --format store|jsonl|brat")
    }
}
