import Marginalia

/// The memory budget inside host functions. What the host keeps for the scripts (lexicons,
/// annotations, a document's tokens) is charged to the state (`LuaState.chargeHost`); what
/// a host function pushes onto the Lua heap is not refused while it runs (a refusal would
/// raise through Swift), so a function about to push many values asks first with
/// ``hasRoom(for:bytesEach:)`` and fails with a `memory-limit` error when there is none.
///
/// ```swift
/// guard hasRoom(for: spans.count, bytesEach: HostFootprint.luaSpanTable) else {
///     return refuseForMemory("doc:tokens: \(spans.count) tokens")
/// }
/// ```
extension HostContext {
    /// True when `bytes` more fit in the memory limit, collecting garbage first if they do
    /// not (the finalizers of dropped lexicons give their bytes back).
    func fitsAfterCollecting(_ bytes: Int) -> Bool {
        if lua.fitsInMemoryLimit(bytes) { return true }
        lua.collectGarbage()
        return lua.fitsInMemoryLimit(bytes)
    }

    /// True when `count` values of about `bytesEach` bytes fit (see ``fitsAfterCollecting(_:)``).
    func hasRoom(for count: Int, bytesEach: Int) -> Bool {
        let (bytes, overflow) = count.multipliedReportingOverflow(by: bytesEach)
        return !overflow && fitsAfterCollecting(bytes)
    }

    /// Fails the host call as a `memory-limit` error: "`what` do not fit in the memory limit
    /// of N MB (Lua holds …, the host …)". `what` is made only then (host functions run
    /// for every document: their messages are not built unless needed).
    func refuseForMemory(_ what: @autoclosure () -> String) -> Int32 {
        lua.flagMemoryLimit()
        return fail("\(what()) do not fit in the memory limit of \(lua.memoryLimit >> 20) MB (\(memoryShare))")
    }

    /// "Lua holds 3 MB, the host 12 MB for lexicons and annotations".
    var memoryShare: String {
        "Lua holds \(Self.megabytes(lua.memoryInUse)), the host \(Self.megabytes(lua.hostBytes)) for lexicons and annotations"
    }

    /// Bytes as messages write them: "0.8 MB", "12 MB".
    ///
    /// ```swift
    /// HostContext.megabytes(870_000)    // "0.8 MB"
    /// HostContext.megabytes(12 << 20)   // "12 MB"
    /// ```
    static func megabytes(_ bytes: Int) -> String {
        let value = Double(bytes) / Double(1 << 20)
        return value < 10 ? String(format: "%.1f MB", value) : "\(Int(value.rounded())) MB"
    }

    /// Keeps `annotation` for the running plugin, charged to the memory budget (taken, not
    /// copied: the callers make it for this call).
    func emit(_ annotation: consuming Annotation, in context: DocumentContext, bytes: Int) {
        lua.chargeHost(bytes)
        context.emit(annotation, bytes: bytes)
    }
}
