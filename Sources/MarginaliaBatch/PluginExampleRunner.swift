import Marginalia
import MarginaliaLua

/// The outcome of one example of a plugin's manifest.
public struct ExampleResult: Sendable {
    /// The plugin whose example it is.
    public var plugin: String
    /// 1-based position in the plugin's `examples`.
    public var number: Int
    public var example: PluginExample
    /// What went wrong, one sentence each; empty when the example passed.
    public var failures: [String]

    public var passed: Bool { failures.isEmpty }
}

/// Runs the `examples` of plugins — each a text with the labels and spans the plugin must
/// (`expect`, `spans`) or must not (`reject`) produce — the way `marginalia plugins test` does.
///
/// ```swift
/// let set = try PluginSet(paths: ["Plugins/defense/defense.lua"])
/// for result in try PluginExampleRunner(set: set).run() where !result.passed {
///     print(result.plugin, result.number, result.failures)
/// }
/// ```
public struct PluginExampleRunner {
    public let set: PluginSet

    public init(set: PluginSet) { self.set = set }

    /// Runs the examples of `plugins` (names; default: every plugin of the set) in one host
    /// holding the whole set, so that plugins see what they require.
    public func run(plugins names: [String]? = nil) throws(PluginError) -> [ExampleResult] {
        let host = try set.makeHost()
        host.onLog = { _, _ in }
        var results: [ExampleResult] = []
        for (position, plugin) in set.descriptors.enumerated() where names?.contains(plugin.name) ?? true {
            for (offset, example) in plugin.examples.enumerated() {
                let document = Self.document(for: example, plugin: plugin.name, number: offset + 1)
                let outcome = host.annotate(document)[position]
                results.append(ExampleResult(plugin: plugin.name, number: offset + 1, example: example,
                                             failures: Self.check(example, of: plugin, against: outcome, in: document)))
            }
        }
        return results
    }

    static func document(for example: PluginExample, plugin: String, number: Int) -> Document {
        var metadata = DocumentMetadata(title: example.meta["title"], date: example.meta["date"],
                                        language: example.language, extra: example.meta)
        metadata.extra["title"] = nil
        metadata.extra["date"] = nil
        return Document(id: "\(plugin)-example-\(number)", text: example.text, metadata: metadata)
    }

    /// Compares what the plugin produced with what the example asks for.
    static func check(_ example: PluginExample, of plugin: PluginDescriptor,
                      against outcome: Result<PluginOutput, ProcessingError>, in document: Document) -> [String] {
        let output: PluginOutput
        switch outcome {
        case .failure(let error): return ["the plugin failed: \(error.message)"]
        case .success(let value): output = value
        }
        var failures: [String] = []
        let declared = Set(plugin.labels)
        for label in example.expect + example.reject + example.spans.map(\.label) where !declared.contains(label) {
            failures.append("the example names label '\(label)', which the plugin does not declare in 'labels'")
        }
        let found = Set(output.annotations.map(\.label))
        for label in example.expect where !found.contains(label) {
            failures.append("expected label '\(label)', found \(found.isEmpty ? "no labels" : found.sorted().joined(separator: ", "))")
        }
        for label in example.reject where found.contains(label) {
            let where_ = output.annotations.first { $0.label == label }.map { describe($0, in: document) } ?? ""
            failures.append("label '\(label)' must not appear, but it did: \(where_)")
        }
        let bytes = Array(document.text.utf8)
        for span in example.spans {
            let candidates = output.annotations.filter { $0.label == span.label }.compactMap(\.span)
            let texts = candidates.map { String(decoding: bytes[$0.byteStart..<$0.byteEnd], as: UTF8.self) }
            if !texts.contains(span.text) {
                let seen = texts.isEmpty ? "none" : texts.map { "\"\($0)\"" }.joined(separator: ", ")
                failures.append("expected a '\(span.label)' span on \"\(span.text)\"; '\(span.label)' spans found: \(seen)")
            }
        }
        return failures
    }

    private static func describe(_ annotation: Annotation, in document: Document) -> String {
        guard let span = annotation.span else { return "document label, score \(annotation.score)" }
        let bytes = Array(document.text.utf8)
        return "\"\(String(decoding: bytes[span.byteStart..<span.byteEnd], as: UTF8.self))\" at bytes \(span.byteStart + 1)–\(span.byteEnd)"
    }
}
