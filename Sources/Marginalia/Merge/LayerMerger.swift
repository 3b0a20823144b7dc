/// Builds the `merged` layer of one document from the annotations of the input plugins.
/// Pure: the same inputs always give the same merged annotations, so re-merging is
/// idempotent. Merged annotations keep the features of what they merge (``MergedFeatures``).
///
/// ```swift
/// let merger = LayerMerger(options: MergeOptions(policy: .max), inputs: inputs,
///                          voters: ["topic:defense": ["defense@1.0.0"]])
/// let merged = merger.merge(documentID: doc.id, annotations: try store.annotations(documentID: doc.id))
/// ```
public struct LayerMerger: Sendable {
    public let options: MergeOptions
    /// The input plugin versions, sorted.
    public let inputs: [PluginIdentity]
    /// Per document label, the inputs (`name@version`) that produce it somewhere.
    public let voters: [String: [String]]
    /// The identity the merged annotations carry: name `merged`, version = options spec,
    /// sha256 = hash of the spec and the input identities.
    public let identity: PluginIdentity

    private let inputKeys: Set<String>

    /// A merger of `inputs` under `options`; `voters` lists per label the inputs
    /// (`name@version`) that vote on it, each silent voter counting as score 0.
    public init(options: MergeOptions, inputs: [PluginIdentity], voters: [String: [String]]) {
        self.options = options
        self.inputs = LayerSelection.sorted(inputs)
        self.voters = voters.mapValues { $0.sorted() }
        inputKeys = Set(inputs.map(Self.key))
        var parts: [[UInt8]] = [Array(options.spec.utf8)]
        for input in self.inputs { parts.append(Array("\(input.name)\t\(input.version)\t\(input.sha256)".utf8)) }
        identity = PluginIdentity(name: LayerName.merged, version: options.spec, sha256: ContentHash.sha256Hex(parts: parts))
    }

    /// `name@version`, how inputs are named in merged features.
    public static func key(_ plugin: PluginIdentity) -> String { "\(plugin.name)@\(plugin.version)" }

    /// True when the annotation comes from an input and has a selected label.
    public func isInput(_ annotation: Annotation) -> Bool {
        inputKeys.contains(Self.key(annotation.plugin)) && options.labels.matches(annotation.label)
    }

    /// The merged annotations of one document: document labels first (by label), then spans.
    public func merge(documentID: String, annotations: [Annotation]) -> [Annotation] {
        let selected = annotations.filter(isInput)
        return mergeLabels(documentID: documentID, selected.filter { $0.span == nil })
            + mergeSpans(documentID: documentID, selected.filter { $0.span != nil })
    }

    private func mergeLabels(documentID: String, _ labels: [Annotation]) -> [Annotation] {
        var said: [String: [String: Double]] = [:]   // label → plugin key → score
        var given: [String: [(plugin: String, features: [String: JSONValue])]] = [:]   // label → features
        for annotation in labels {
            said[annotation.label, default: [:]][Self.key(annotation.plugin), default: 0] =
                max(said[annotation.label]?[Self.key(annotation.plugin)] ?? 0, annotation.score)
            if let features = annotation.features.objectValue, !features.isEmpty {
                given[annotation.label, default: []].append((Self.key(annotation.plugin), features))
            }
        }
        var out: [Annotation] = []
        for label in said.keys.sorted() {
            let scores = said[label]!
            let labelVoters = voters[label] ?? scores.keys.sorted()
            let values = labelVoters.map { scores[$0] ?? 0 }
            let weights = labelVoters.map { options.policy.weight(of: String($0.split(separator: "@", maxSplits: 1)[0])) }
            guard let score = options.policy.combine(values, weights: weights) else { continue }
            let contributors = scores.keys.sorted()
            var features = MergedFeatures.combine(given[label] ?? [], reserved: ["plugins", "scores", "voters"])
            features["plugins"] = .array(contributors.map { .string($0) })
            features["scores"] = .object(scores.mapValues { .number($0) })
            features["voters"] = .integer(Int64(labelVoters.count))
            out.append(Annotation(documentID: documentID, label: label, span: nil, score: score, features: .object(features), plugin: identity))
        }
        return out
    }

    private struct Candidate {
        var span: Span
        var plugins: Set<String>
        var score: Double
        /// The features of the merged annotations, with their plugin keys.
        var features: [(plugin: String, features: [String: JSONValue])] = []
        var length: Int { span.byteEnd - span.byteStart }
    }

    private func mergeSpans(documentID: String, _ spans: [Annotation]) -> [Annotation] {
        var out: [Annotation] = []
        for (label, group) in Dictionary(grouping: spans, by: \.label).sorted(by: { $0.key < $1.key }) {
            // Identical spans become one candidate listing every plugin.
            var identical: [Span: Candidate] = [:]
            for annotation in group {
                let span = annotation.span!
                var candidate = identical[span] ?? Candidate(span: span, plugins: [], score: 0)
                candidate.plugins.insert(Self.key(annotation.plugin))
                candidate.score = max(candidate.score, annotation.score)
                if let features = annotation.features.objectValue, !features.isEmpty {
                    candidate.features.append((Self.key(annotation.plugin), features))
                }
                identical[span] = candidate
            }
            let candidates = identical.values.sorted { $0.span < $1.span }
            let kept = options.spans == .join ? Self.join(candidates) : Self.longest(candidates)
            for candidate in kept {
                var features = MergedFeatures.combine(candidate.features, reserved: ["plugins"])
                features["plugins"] = .array(candidate.plugins.sorted().map { .string($0) })
                out.append(Annotation(documentID: documentID, label: label, span: candidate.span, score: candidate.score,
                                      features: .object(features), plugin: identity))
            }
        }
        return out.sorted { ($0.span!, $0.label) < ($1.span!, $1.label) }
    }

    /// Chains of overlapping spans (sorted by start) become one span over the chain.
    private static func join(_ sorted: [Candidate]) -> [Candidate] {
        var out: [Candidate] = []
        for candidate in sorted {
            if var last = out.last, candidate.span.byteStart < last.span.byteEnd {
                if candidate.span.byteEnd > last.span.byteEnd {
                    last.span.byteEnd = candidate.span.byteEnd
                    last.span.codePointEnd = candidate.span.codePointEnd
                }
                last.plugins.formUnion(candidate.plugins)
                last.score = max(last.score, candidate.score)
                last.features += candidate.features
                out[out.count - 1] = last
            } else {
                out.append(candidate)
            }
        }
        return out
    }

    /// Longest first (ties: earlier start); a span overlapping one already kept is dropped.
    private static func longest(_ sorted: [Candidate]) -> [Candidate] {
        let byLength = sorted.enumerated().sorted { ($1.element.length, $0.offset) < ($0.element.length, $1.offset) }.map(\.element)
        var kept: [Candidate] = []
        for candidate in byLength where !kept.contains(where: {
            candidate.span.byteStart < $0.span.byteEnd && $0.span.byteStart < candidate.span.byteEnd
        }) {
            kept.append(candidate)
        }
        return kept.sorted { $0.span < $1.span }
    }
}
