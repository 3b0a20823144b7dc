import Foundation
import Marginalia
import MarginaliaLua

/// A plugin set as the store records it for a ``PluginSelection``: the descriptors loading
/// gave (identity, parameters, paths, and every file the loading read with its SHA-256) and
/// the parameter overrides. A resumed run whose selection was recorded, whose recorded files
/// are all unchanged and whose every input file a run of this set completed, runs with the
/// recorded set and loads no plugin: nothing is left for a plugin to do, and its identity
/// is known. Anything else (a lexicon or script edited, a library put earlier on the search
/// path, another plugin found, another parameter, an input not complete) loads the plugins
/// as usual. Should a document need annotating all the same (an input changed meanwhile),
/// the workers load the recorded files then.
///
/// ```swift
/// let set = try RecordedPluginSet.resumable(selection: selection, store: store, inputs: ["news.jsonl.gz"], options: options)
///     ?? loadPlugins()
/// try RecordedPluginSet.record(set, selection: selection, in: store)   // after loading
/// ```
public enum RecordedPluginSet {
    /// The version of the JSON below; another is not read.
    static let format: Int64 = 1

    /// Records `set` under `selection` (unless the store holds exactly this already).
    public static func record(_ set: PluginSet, selection: PluginSelection, in store: any AnnotationStore) throws {
        let key = selection.sha256
        let text = json(of: set)
        if try store.recordedPluginSet(selectionSHA256: key) != text {
            try store.recordPluginSet(text, selectionSHA256: key)
        }
    }

    /// The recorded set of `selection` when its files are unchanged and every file of
    /// `inputs` is complete under it (with `options`' record fields and shard); nil otherwise,
    /// and always with `force`.
    public static func resumable(selection: PluginSelection, store: any AnnotationStore, inputs: [String],
                                 options: AnnotationPipeline.Options, digests: InputDigests = .shared) -> PluginSet? {
        guard !options.force,
              let text = try? store.recordedPluginSet(selectionSHA256: selection.sha256),
              let set = try? pluginSet(json: text, limits: selection.limits, libraryPath: selection.libraryPath),
              set.descriptors.allSatisfy({ !$0.loadReads.isEmpty && $0.loadReads.allSatisfy { $0.isCurrent() } })
        else { return nil }
        let key = AnnotationPipeline.completionKey(
            pluginSetSHA256: AnnotationPipeline.pluginSetSHA256(of: set.descriptors), options: options)
        let expanded = CorpusReader.expand(inputs)
        guard expanded.errors.isEmpty, !expanded.files.isEmpty, !expanded.files.contains("-") else { return nil }
        for file in expanded.files {
            guard let hash = digests.digest(ofFile: file) ?? (try? StreamingSHA256.ofFile(atPath: file)),
                  (try? store.completedInput(contentSHA256: hash, pluginSetSHA256: key)) != nil
            else { return nil }
        }
        return set
    }

    /// The set as JSON text: the descriptors in run order and the overrides.
    static func json(of set: PluginSet) -> String {
        JSONValue.object([
            "format": .integer(format),
            "plugins": .array(set.descriptors.map(\.recorded)),
            "overrides": .object(set.params.mapValues { .object($0.mapValues(PluginDescriptor.typed)) }),
        ]).serialized()
    }

    /// The set ``json(of:)`` wrote, with these limits and library path.
    static func pluginSet(json text: String, limits: SandboxLimits, libraryPath: [String]?) throws -> PluginSet {
        let value = try JSONParser.parse(Array(text.utf8))
        guard case .integer(format)? = value.objectValue?["format"], let plugins = value.objectValue?["plugins"]?.arrayValue,
              let overrides = value.objectValue?["overrides"]?.objectValue
        else { throw PluginDescriptor.RecordError(description: "recorded plugin set of another format") }
        var params: [String: [String: JSONValue]] = [:]
        for (name, members) in overrides {
            guard case .object(let members) = try PluginDescriptor.untyped(members) else {
                throw PluginDescriptor.RecordError(description: "recorded plugin set: bad overrides")
            }
            params[name] = members
        }
        return PluginSet(recorded: try plugins.map { try PluginDescriptor(recorded: $0) }, params: params,
                         limits: limits, libraryPath: libraryPath)
    }
}
