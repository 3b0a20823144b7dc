import Foundation
import Marginalia

/// Plain-text rendering of a document and its annotations for `marginalia show`.
enum DocumentRenderer {
    static func render(_ document: Document, annotations: [Annotation]) -> String {
        var lines: [String] = []
        let meta = document.metadata
        lines.append("\(document.id)  [\(meta.language ?? "und")\(meta.date.map { ", \($0)" } ?? "")\(meta.isNFD ? ", NFD" : "")]")
        if let title = meta.title { lines.append(title) }
        lines.append(String(repeating: "─", count: 72))
        let labels = annotations.filter { $0.span == nil }
        let spans = annotations.filter { $0.span != nil }
        if labels.isEmpty { lines.append("document labels: none") }
        let utf8 = Array(document.text.utf8)
        for annotation in labels { lines.append(describe(annotation, in: utf8)) }
        lines.append(String(repeating: "─", count: 72))
        // The text with a marker [n] after each span's end.
        var markers: [Int: [Int]] = [:]
        for (number, annotation) in spans.enumerated() { markers[annotation.span!.byteEnd, default: []].append(number + 1) }
        var text = [UInt8]()
        for offset in 0...utf8.count {
            if let numbers = markers[offset] { text += Array("[\(numbers.map(String.init).joined(separator: ","))]".utf8) }
            if offset < utf8.count { text.append(utf8[offset]) }
        }
        lines.append(String(decoding: text, as: UTF8.self))
        lines.append(String(repeating: "─", count: 72))
        for (number, annotation) in spans.enumerated() { lines.append("[\(number + 1)] " + describe(annotation, in: utf8)) }
        return lines.joined(separator: "\n")
    }

    /// One line for an annotation: label, score, plugin and features; for a span also its
    /// code-point range and covered text.
    static func describe(_ annotation: Annotation, in utf8: [UInt8]) -> String {
        guard let span = annotation.span else {
            return "document label  \(annotation.label)  score \(format(annotation.score))  by \(annotation.plugin.name) \(annotation.plugin.version)\(featureText(annotation))"
        }
        guard let covered = try? annotation.coveredText(in: utf8) else {
            return "\(span.codePointStart)..<\(span.codePointEnd)  \(annotation.label)  \(format(annotation.score))  \(annotation.plugin.name) \(annotation.plugin.version)  (outside the text: the store is damaged; run marginalia check)"
        }
        return "\(span.codePointStart)..<\(span.codePointEnd)  \(annotation.label)  \(format(annotation.score))  \(annotation.plugin.name) \(annotation.plugin.version)  “\(covered)”\(featureText(annotation))"
    }

    private static func format(_ score: Double) -> String { String(format: "%.2f", score) }

    private static func featureText(_ annotation: Annotation) -> String {
        guard let object = annotation.features.objectValue, !object.isEmpty else { return "" }
        return "  " + annotation.features.serialized()
    }
}
