import Foundation
import Marginalia

/// Every unqualified `print` in the command-line tool comes here: the text is written with
/// its control characters escaped (``TerminalText/safe(_:)``), so that a plugin name, label,
/// log line, error message or feature can never drive the terminal. Data meant for other
/// programs (JSON, CSV, exports) is written with `Swift.print` or an ``OutputSink`` and
/// keeps its bytes.
///
/// ```swift
/// print("plugin \(name) refused")          // ESC in `name` is shown as \u{1b}
/// Swift.print(json.serialized())           // bytes as they are
/// ```
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    Swift.print(TerminalText.safe(items.map { "\($0)" }.joined(separator: separator)), terminator: TerminalText.safe(terminator))
}
