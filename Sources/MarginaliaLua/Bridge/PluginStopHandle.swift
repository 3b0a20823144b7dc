import CLuaShim

/// Stops the plugins of one ``PluginHost`` from any thread: the one running stops at its
/// next check (within a few thousand Lua instructions or pattern-matching steps, or when its
/// host call returns) and fails with an `interrupted` error, and so does every later one.
/// The handle may outlive its host; it is how the batch stops its workers on SIGTERM.
///
/// ```swift
/// let stop = host.stopHandle
/// DispatchQueue.global().asyncAfter(deadline: .now() + 1) { stop.requestStop() }
/// host.annotate(document)   // .failure(kind: .interrupted) if still running after 1 s
/// ```
public final class PluginStopHandle: @unchecked Sendable {
    /// The flag the sandbox reads (atomically); owned by the handle.
    let flag: UnsafeMutablePointer<Int32>

    public init() {
        flag = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
        flag.initialize(to: 0)
    }

    deinit { flag.deallocate() }

    /// Asks the host's plugins to stop; there is no way back.
    public func requestStop() { mg_request_stop(flag) }
}
