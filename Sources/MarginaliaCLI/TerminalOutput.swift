import Foundation
import Marginalia

/// Every unqualified `print` in the command-line tool comes here: the text is written with
/// its control characters escaped (``TerminalText/safe(_:)``), so that a plugin name, label,
/// log line, error message or feature can never drive the terminal. Data meant for other
/// programs (JSON, CSV, exports) is written with ``printData(_:terminator:)`` or an
/// ``OutputSink``, and keeps its bytes unless standard output is a terminal.
///
/// ```swift
/// print("plugin \(name) refused")          // ESC in `name` is shown as \u{1b}
/// printData(json.serialized())             // bytes as they are, into a file or a pipe
/// ```
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    Swift.print(TerminalText.safe(items.map { "\($0)" }.joined(separator: separator)), terminator: TerminalText.safe(terminator))
}

/// True when standard output is a terminal: a person reads it there, so data is escaped.
let standardOutputIsATerminal = isatty(STDOUT_FILENO) != 0

/// Data for other programs (JSON, CSV) on standard output: its bytes as they are into a file
/// or a pipe, where programs read it; its control characters escaped on a terminal, where
/// an escape sequence in a plugin's label or feature (JSON leaves C1 controls such as CSI,
/// U+009B, as they are) or in a document's text (CSV keeps every byte) would drive the screen.
///
/// ```swift
/// printData(QueryOutput.csv(found, store: store), terminator: "")
/// ```
func printData(_ text: String, terminator: String = "\n") {
    Swift.print(standardOutputIsATerminal ? TerminalText.safe(text) : text, terminator: terminator)
}
