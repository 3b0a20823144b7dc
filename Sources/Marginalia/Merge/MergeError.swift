/// A merge, agreement or diff request that cannot be carried out, with what to do instead.
///
/// ```swift
/// throw MergeError("unknown merge policy 'avg'; use one of max, mean, vote, weighted, noisy-or")
/// ```
public struct MergeError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
