import Foundation

/// A snapshot of a running batch, for progress displays.
///
/// ```swift
/// pipeline.onProgress = { progress in print(progress.line) }
/// ```
public struct BatchProgress: Sendable {
    /// Documents processed so far: annotated, skipped or failed.
    public var documentsDone: Int
    /// Documents read so far by the reader (the total once `totalKnown`).
    public var documentsRead: Int
    /// True once the reader reached the end of the corpus.
    public var totalKnown: Bool
    /// Bytes of document text processed.
    public var textBytesDone: Int
    /// How far the reader got into the input files (raw bytes, compressed for `.gz`).
    public var inputBytesRead: Int
    /// Size of the input files (raw bytes; 0 when unknown, e.g. standard input).
    public var inputBytesTotal: Int
    public var errors: Int
    public var elapsed: TimeInterval
    /// True for the last snapshot of a run.
    public var isFinal: Bool

    public init(documentsDone: Int, documentsRead: Int, totalKnown: Bool, textBytesDone: Int, inputBytesRead: Int,
                inputBytesTotal: Int, errors: Int, elapsed: TimeInterval, isFinal: Bool = false) {
        self.documentsDone = documentsDone
        self.documentsRead = documentsRead
        self.totalKnown = totalKnown
        self.textBytesDone = textBytesDone
        self.inputBytesRead = inputBytesRead
        self.inputBytesTotal = inputBytesTotal
        self.errors = errors
        self.elapsed = elapsed
        self.isFinal = isFinal
    }

    /// Fraction of the documents done (0…1), or nil when the total cannot be estimated.
    public var fraction: Double? {
        guard let total = documentsTotal, total > 0 else { return nil }
        return min(1, Double(documentsDone) / Double(total))
    }

    /// Documents in the corpus: exact once read, else extrapolated from the documents the
    /// reader found in the bytes it read so far; nil when the input size is unknown.
    public var documentsTotal: Int? {
        if totalKnown { return documentsRead }
        guard inputBytesTotal > 0, inputBytesRead > 0, documentsRead > 0 else { return nil }
        let perByte = Double(documentsRead) / Double(min(inputBytesRead, inputBytesTotal))
        return max(documentsRead, Int((perByte * Double(inputBytesTotal)).rounded()))
    }

    /// Seconds left at the current speed, or nil.
    public var secondsLeft: Double? {
        guard let fraction, fraction > 0.001, elapsed > 0.5 else { return nil }
        return elapsed * (1 - fraction) / fraction
    }

    /// One line: `1,234/~6,400 docs (19%) · 820 docs/s · 24.1 MB/s · 3 errors · ETA 0:06`.
    public var line: String {
        var parts: [String] = []
        let total = documentsTotal.map { (totalKnown ? "" : "~") + Self.grouped($0) } ?? "?"
        var done = "\(Self.grouped(documentsDone))/\(total) docs"
        if let fraction { done += String(format: " (%.0f%%)", fraction * 100) }
        parts.append(done)
        let seconds = max(elapsed, 0.001)
        parts.append(String(format: "%.0f docs/s", Double(documentsDone) / seconds))
        parts.append(String(format: "%.1f MB/s", Double(textBytesDone) / 1e6 / seconds))
        parts.append("\(errors) error\(errors == 1 ? "" : "s")")
        if isFinal {
            parts.append(String(format: "%.1f s", elapsed))
        } else if let left = secondsLeft {
            parts.append("ETA " + Self.clock(left))
        }
        return parts.joined(separator: " · ")
    }

    static func grouped(_ value: Int) -> String {
        let digits = String(value)
        var out = ""
        for (offset, character) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return out
    }

    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        let (hours, minutes, secs) = (total / 3600, total / 60 % 60, total % 60)
        return hours > 0 ? String(format: "%d:%02d:%02d", hours, minutes, secs) : String(format: "%d:%02d", minutes, secs)
    }
}
