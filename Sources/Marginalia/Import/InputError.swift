/// A problem in a file the user gave us, naming the file and, when known, the line.
///
/// ```swift
/// throw InputError(file: "gold.tsv", line: 7, message: "unknown document 'x'")
/// // prints: gold.tsv:7: unknown document 'x'
/// ```
public struct InputError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String

    public init(file: String, line: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): \(message)" }
}
