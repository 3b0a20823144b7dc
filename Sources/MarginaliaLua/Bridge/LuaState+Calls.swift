import CLua
import CLuaShim

/// Loading and calling chunks, environments, metatables, userdata and table traversal:
/// the C API the sandbox, the plugin loader and the snippet runner need, behind calls
/// that never raise (errors come back as a status with the message on the stack).
///
/// ```swift
/// if lua.load(text: "return 1 + 1", chunkName: "=example") == .loaded, lua.call(arguments: 0, results: 1) {
///     lua.integer(at: -1)   // 2
/// }
/// ```
extension LuaState {
    /// How loading a chunk went; on failure the message is on the stack.
    enum LoadOutcome: Equatable { case loaded, syntaxError, failed }

    /// How a call under the sandbox's limits went.
    struct LimitedCall {
        /// The call returned normally (its results are on the stack).
        var succeeded: Bool
        /// The instruction budget ran out during the call.
        var budgetHit: Bool
        /// An allocation was refused during the call, for live data (not garbage).
        var memoryHit: Bool
        /// The wall-clock limit passed during the call.
        var timeHit: Bool
        /// A stop request (`PluginStopHandle`) ended the call.
        var stopHit: Bool
    }

    /// `results` for a call that keeps every value the function returns.
    static let allResults = LUA_MULTRET

    /// Compiles text (never bytecode) and pushes the function, or the error message.
    func load(text: String, chunkName: String) -> LoadOutcome {
        let status = text.utf8CString.withUnsafeBufferPointer { mg_load_text(L, $0.baseAddress, $0.count - 1, chunkName) }
        return Self.loadOutcome(status)
    }

    /// Compiles UTF-8 bytes (never bytecode) and pushes the function, or the error message.
    func load(bytes: [UInt8], chunkName: String) -> LoadOutcome {
        let status = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { mg_load_text(L, $0.baseAddress, $0.count, chunkName) }
        }
        return Self.loadOutcome(status)
    }

    private static func loadOutcome(_ status: Int32) -> LoadOutcome {
        status == LUA_OK ? .loaded : status == LUA_ERRSYNTAX ? .syntaxError : .failed
    }

    /// Calls the function below `arguments` values (no limits: trusted prelude code).
    /// False with the error message on the stack when it raised.
    func call(arguments: Int32, results: Int32) -> Bool { mg_pcall(L, arguments, results) == LUA_OK }

    /// Calls the function below `arguments` values with at most `instructionBudget` VM
    /// instructions and `seconds` of wall-clock time (0 = unlimited), the state's memory
    /// limit and its stop flag; a failed call leaves its message with a traceback on the stack.
    func callLimited(arguments: Int32, results: Int32, instructionBudget: Int, seconds: Double) -> LimitedCall {
        let accounting = sandbox
        accounting.pointee.limit_hit = 0
        accounting.pointee.refused = 0
        accounting.pointee.refusals = 0
        mg_budget_start(L, Int64(instructionBudget))
        mg_time_limit_start(L, seconds)
        let status = mg_pcall_traceback(L, arguments, results)
        mg_budget_stop(L)
        // A refusal that ended the script at once (no collection could run first, as when a
        // string buffer grows) counts too.
        let memoryHit = accounting.pointee.limit_hit != 0 || (status != LUA_OK && accounting.pointee.refusals > 0
            && (status == LUA_ERRMEM || (string(at: -1) ?? "").contains("not enough memory")))
        return LimitedCall(succeeded: status == LUA_OK, budgetHit: accounting.pointee.budget_hit != 0,
                           memoryHit: memoryHit, timeHit: accounting.pointee.time_hit != 0,
                           stopHit: accounting.pointee.stop_hit != 0)
    }

    /// A full garbage collection (after a failed script, to give its memory back).
    func collectGarbage() { mg_gc_collect(L) }

    /// Pushes a copy of the value at `index`.
    func pushCopy(of index: Int32) { lua_pushvalue(L, index) }

    /// Rotates the values from `index` to the top by `count` positions towards the top.
    func rotate(_ index: Int32, by count: Int32) { lua_rotate(L, index, count) }

    /// Pops the table on top into the `_ENV` (first upvalue) of the function at `function`.
    func setEnvironment(ofFunctionAt function: Int32) { _ = lua_setupvalue(L, function, 1) }

    /// Frees a registry reference made with `makeReference()`.
    func releaseReference(_ reference: Int32) { mg_unref(L, reference) }

    /// Sets `table[key]` to what `pushValue` pushes, without metamethods (plugin
    /// environments refuse new globals through theirs).
    func rawSet(_ key: String, in table: Int32, value pushValue: () -> Void) {
        let absolute = lua_absindex(L, table)
        push(key)
        pushValue()
        lua_rawset(L, absolute)
    }

    /// Pops a key and pushes `t[key]` (raw) for the table at `table`.
    func rawGet(in table: Int32) { lua_rawget(L, table) }

    /// Pops a value and a key (pushed in that order: key first) and sets `t[key] = value`
    /// (raw) in the table at `table`.
    func rawSet(in table: Int32) { lua_rawset(L, table) }

    /// One step of a raw traversal of the table at `table`: pops a key (push nil to start)
    /// and pushes the next key and value; false (nothing pushed) after the last one.
    func next(in table: Int32) -> Bool { lua_next(L, table) != 0 }

    /// The absolute position of a (negative) stack index.
    func absolute(_ index: Int32) -> Int32 { lua_absindex(L, index) }

    /// Pushes the metatable of the value at `index`; false (nothing pushed) if it has none.
    func pushMetatable(of index: Int32) -> Bool { lua_getmetatable(L, index) != 0 }

    /// Pops a table and makes it the metatable of the value at `index`.
    func setMetatable(of index: Int32) { lua_setmetatable(L, index) }

    /// True when the two values are the same without metamethods.
    func rawEqual(_ first: Int32, _ second: Int32) -> Bool { lua_rawequal(L, first, second) != 0 }

    /// Pushes a host handle: a new full userdata holding `value` (a lexicon's slot, say),
    /// with the metatable kept at registry `reference` and room for `userValues` Lua values
    /// (a lexicon keeps its term strings there).
    func pushHandle(slot value: Int32, metatable reference: Int32, userValues: Int32 = 0) {
        let slot = lua_newuserdatauv(L, MemoryLayout<Int32>.size, userValues)!
        slot.storeBytes(of: value, as: Int32.self)
        push(reference: reference)
        setMetatable(of: -2)
    }

    /// The `Int32` a userdata made by `pushHandle(slot:metatable:)` holds.
    func userdataValue(at index: Int32) -> Int32? {
        lua_touserdata(L, index).map { $0.load(as: Int32.self) }
    }
}
