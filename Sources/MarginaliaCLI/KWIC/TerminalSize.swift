import Foundation

/// The width of the terminal on standard output: `ioctl(TIOCGWINSZ)`, else `$COLUMNS`,
/// else 80.
///
/// ```swift
/// let columns = TerminalSize.columns()   // 80 when piped
/// ```
enum TerminalSize {
    static func columns() -> Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        return 80
    }
}
