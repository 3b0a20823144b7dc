import ArgumentParser

/// A failure while a command runs (a missing file, a layer not in the store): printed as
/// `Error: <message>` with exit status 1 and without the usage text, which is for mistakes
/// in the command line itself (`ValidationError`).
///
/// ```swift
/// throw CommandError("\(path): unknown format; name it .jsonl or .ann, or pass --format jsonl|brat")
/// ```
struct CommandError: Error, CustomStringConvertible {
    var description: String

    init(_ message: String) { description = message }
}
