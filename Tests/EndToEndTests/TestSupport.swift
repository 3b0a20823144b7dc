import Foundation
import Marginalia
import MarginaliaBatch
import MarginaliaLua

/// Paths and helpers shared by the end-to-end tests.
enum Repository {
    /// The package root (found from this file's location).
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    static func path(_ relative: String) -> String { (root as NSString).appendingPathComponent(relative) }

    /// The bundled plugins, by name.
    static let bundledPluginNames = [
        "places", "relations", "defense", "agriculture", "un_votes", "diplomacy", "trade", "humanitarian",
    ]

    static var bundledPlugins: [String] { bundledPluginNames.map { path("Plugins/\($0).lua") } }

    /// The shared news corpus, next to the repository: `<root>/../shared/corpora/news-en.jsonl.gz`.
    static var newsCorpus: String { ((root as NSString).deletingLastPathComponent as NSString).appendingPathComponent("shared/corpora/news-en.jsonl.gz") }
}

/// A fresh temporary directory, removed when the test object goes away.
final class TemporaryDirectory {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "marginalia-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        let target = file(name)
        try! FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: target, contents: Data(text.utf8))
        return target
    }
}

/// Annotates `inputs` with `plugins` into the store at `storePath`.
@discardableResult
func annotate(_ inputs: [String], plugins: [String], store storePath: String, jobs: Int = 2, force: Bool = false) throws -> BatchSummary {
    let set = try PluginSet(paths: plugins)
    let store = try SQLiteAnnotationStore(path: storePath)
    let pipeline = AnnotationPipeline(plugins: set, store: store, options: .init(jobs: jobs, force: force))
    return try pipeline.run(inputs: inputs)
}

/// The JSONL export of a store, as one string.
func exportJSONL(_ storePath: String) throws -> String {
    var out = ""
    try JSONLExporter.export(from: try SQLiteAnnotationStore(path: storePath)) { out += $0 }
    return out
}
