import Foundation

/// Reads lines for the REPL: with GNU readline's editing when the input is a terminal and
/// the library is installed (loaded at run time, so it is optional), and plainly otherwise
/// (pipes, files, CI). With readline: history kept in `~/.marginalia_history` across
/// sessions, Tab completing the names `completions` gives, and Ctrl-C clearing the line
/// being typed instead of ending the session.
///
/// ```swift
/// let reader = InteractiveLineReader(completions: ["doc:tokens(", "marginalia.lexicon("])
/// while let line = reader.read(prompt: "> ") { print(line) }
/// reader.saveHistory()
/// ```
final class InteractiveLineReader {
    private typealias ReadlineFunction = @convention(c) (UnsafePointer<CChar>?) -> UnsafeMutablePointer<CChar>?
    private typealias PathFunction = @convention(c) (UnsafePointer<CChar>?) -> Int32

    private let readline: ReadlineFunction?
    private let addHistory: PathFunction?
    private let writeHistory: PathFunction?
    /// True when input comes from a terminal (prompts are shown).
    let isInteractive = isatty(STDIN_FILENO) != 0
    /// Where the history is kept: `$HOME/.marginalia_history`.
    let historyPath = (ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()) + "/.marginalia_history"

    init(completions: [String] = []) {
        var readline: ReadlineFunction?
        var addHistory: PathFunction?
        var writeHistory: PathFunction?
        if isInteractive, let library = dlopen("libreadline.so.8", RTLD_NOW) ?? dlopen("libedit.so.2", RTLD_NOW),
           let read = dlsym(library, "readline"), let add = dlsym(library, "add_history") {
            readline = unsafeBitCast(read, to: ReadlineFunction.self)
            addHistory = unsafeBitCast(add, to: PathFunction.self)
            if let load = dlsym(library, "read_history") { _ = unsafeBitCast(load, to: PathFunction.self)(historyPath) }
            writeHistory = dlsym(library, "write_history").map { unsafeBitCast($0, to: PathFunction.self) }
            ReadlineHooks.install(library: library, completions: completions)
        }
        self.readline = readline
        self.addHistory = addHistory
        self.writeHistory = writeHistory
    }

    /// True once Ctrl-C cleared a line since the last call (the caller drops any
    /// unfinished input it was collecting).
    var takeInterrupt: Bool {
        let interrupted = ReadlineHooks.interrupted
        ReadlineHooks.interrupted = false
        return interrupted
    }

    /// The next line without its newline, or nil at end of input.
    func read(prompt: String) -> String? {
        if let readline {
            guard let pointer = readline(prompt) else { return nil }
            defer { free(pointer) }
            let line = String(cString: pointer)
            if !line.trimmingCharacters(in: .whitespaces).isEmpty { _ = addHistory?(pointer) }
            return line
        }
        if isInteractive {
            FileHandle.standardOutput.write(Data(prompt.utf8))
        }
        return Swift.readLine(strippingNewline: true)
    }

    /// Writes the session's lines to the history file (readline only).
    func saveHistory() {
        _ = writeHistory?(historyPath)
    }
}

/// The C callbacks readline calls: completion over a fixed list of names and the SIGINT
/// handler that clears the line. Readline is single-threaded and so are these.
private enum ReadlineHooks {
    typealias Generator = @convention(c) (UnsafePointer<CChar>?, Int32) -> UnsafeMutablePointer<CChar>?
    typealias Matches = @convention(c) (UnsafePointer<CChar>?, Generator?) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
    typealias Attempt = @convention(c) (UnsafePointer<CChar>?, Int32, Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
    typealias Void0 = @convention(c) () -> Int32
    typealias Replace = @convention(c) (UnsafePointer<CChar>?, Int32) -> Void

    nonisolated(unsafe) static var names: [String] = []
    nonisolated(unsafe) static var found: [String] = []
    nonisolated(unsafe) static var position = 0
    nonisolated(unsafe) static var matches: Matches?
    nonisolated(unsafe) static var completionOver: UnsafeMutablePointer<Int32>?
    nonisolated(unsafe) static var appendCharacter: UnsafeMutablePointer<Int32>?
    nonisolated(unsafe) static var onNewLine: Void0?
    nonisolated(unsafe) static var replaceLine: Replace?
    nonisolated(unsafe) static var redisplay: Void0?
    nonisolated(unsafe) static var interrupted = false

    static func install(library: UnsafeMutableRawPointer, completions: [String]) {
        names = completions.sorted()
        matches = dlsym(library, "rl_completion_matches").map { unsafeBitCast($0, to: Matches.self) }
        completionOver = dlsym(library, "rl_attempted_completion_over")?.assumingMemoryBound(to: Int32.self)
        appendCharacter = dlsym(library, "rl_completion_append_character")?.assumingMemoryBound(to: Int32.self)
        if matches != nil, let slot = dlsym(library, "rl_attempted_completion_function") {
            slot.assumingMemoryBound(to: Attempt?.self).pointee = { text, _, _ in
                ReadlineHooks.completionOver?.pointee = 1   // never fall back to file names
                ReadlineHooks.appendCharacter?.pointee = 0   // "doc:tokens(" needs no space after it
                return ReadlineHooks.matches?(text, { text, state in
                    if state == 0 {
                        let prefix = text.map { String(cString: $0) } ?? ""
                        ReadlineHooks.found = ReadlineHooks.names.filter { $0.hasPrefix(prefix) }
                        ReadlineHooks.position = 0
                    }
                    guard ReadlineHooks.position < ReadlineHooks.found.count else { return nil }
                    ReadlineHooks.position += 1
                    return strdup(ReadlineHooks.found[ReadlineHooks.position - 1])
                })
            }
        }
        // Words for completion end at Lua's operators and brackets, never at "." or ":".
        for variable in ["rl_basic_word_break_characters", "rl_completer_word_break_characters"] {
            dlsym(library, variable)?.assumingMemoryBound(to: UnsafePointer<CChar>?.self).pointee = UnsafePointer(strdup(" \t\n\"'`@$><=;|&{(#+-*/%^,[]~"))
        }
        onNewLine = dlsym(library, "rl_on_new_line").map { unsafeBitCast($0, to: Void0.self) }
        replaceLine = dlsym(library, "rl_replace_line").map { unsafeBitCast($0, to: Replace.self) }
        redisplay = dlsym(library, "rl_redisplay").map { unsafeBitCast($0, to: Void0.self) }
        if onNewLine != nil, replaceLine != nil, redisplay != nil {
            signal(SIGINT) { _ in
                ReadlineHooks.interrupted = true
                _ = write(STDOUT_FILENO, "\n", 1)
                _ = ReadlineHooks.onNewLine?()
                ReadlineHooks.replaceLine?("", 0)
                _ = ReadlineHooks.redisplay?()
            }
        }
    }
}
