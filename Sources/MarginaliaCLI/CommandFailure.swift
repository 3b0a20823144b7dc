/// A command that could not do its work for a reason other than bad arguments: printed as
/// `Error: …` without the usage text, exit status 1.
///
/// ```swift
/// throw CommandFailure("no document 'x' in marginalia.sqlite")
/// ```
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
