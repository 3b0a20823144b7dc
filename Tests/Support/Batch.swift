import Foundation
import Marginalia
import MarginaliaBatch

/// Annotates `inputs` with `plugins` into the store at `storePath`, through the library
/// (no child process).
///
/// ```swift
/// let summary = try annotate([Repository.path("seeds")], plugins: Repository.bundledPlugins, store: directory.file("s.sqlite"))
/// ```
@discardableResult
public func annotate(_ inputs: [String], plugins: [String], store storePath: String, jobs: Int = 2, force: Bool = false) throws -> BatchSummary {
    let set = try PluginSet(paths: plugins)
    let store = try SQLiteAnnotationStore(path: storePath)
    let pipeline = AnnotationPipeline(plugins: set, store: store, options: .init(jobs: jobs, force: force))
    return try pipeline.run(inputs: inputs)
}

/// The JSONL export of a store, as one string.
///
/// ```swift
/// let lines = try exportJSONL(store).split(separator: "\n")
/// ```
public func exportJSONL(_ storePath: String) throws -> String {
    var out = ""
    try JSONLExporter.export(from: try SQLiteAnnotationStore(path: storePath)) { out += $0 }
    return out
}
