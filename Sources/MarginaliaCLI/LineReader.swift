import Foundation

/// Reads lines for the REPL: with GNU readline's editing and history when the input is a
/// terminal and the library is installed (loaded at run time, so it is optional), and
/// plainly otherwise (pipes, files, CI).
///
/// ```swift
/// let reader = InteractiveLineReader()
/// while let line = reader.read(prompt: "> ") { print(line) }
/// ```
final class InteractiveLineReader {
    private typealias ReadlineFunction = @convention(c) (UnsafePointer<CChar>?) -> UnsafeMutablePointer<CChar>?
    private typealias AddHistoryFunction = @convention(c) (UnsafePointer<CChar>?) -> Int32

    private let readline: ReadlineFunction?
    private let addHistory: AddHistoryFunction?
    /// True when input comes from a terminal (prompts are shown).
    let isInteractive = isatty(STDIN_FILENO) != 0

    init() {
        var readline: ReadlineFunction?
        var addHistory: AddHistoryFunction?
        if isInteractive, let library = dlopen("libreadline.so.8", RTLD_NOW) ?? dlopen("libedit.so.2", RTLD_NOW),
           let read = dlsym(library, "readline"), let add = dlsym(library, "add_history") {
            readline = unsafeBitCast(read, to: ReadlineFunction.self)
            addHistory = unsafeBitCast(add, to: AddHistoryFunction.self)
        }
        self.readline = readline
        self.addHistory = addHistory
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
}
