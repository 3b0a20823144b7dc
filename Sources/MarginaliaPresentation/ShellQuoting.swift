import Foundation

/// Quotes words for a POSIX shell, so that printed commands can be pasted as they are.
///
/// ```swift
/// ShellQuoting.quote("corpus/news.jsonl")   // corpus/news.jsonl
/// ShellQuoting.quote("my file's.txt")       // 'my file'\''s.txt'
/// ShellQuoting.command(["marginalia", "eval", "--doc", "a b"])   // marginalia eval --doc 'a b'
/// ```
public enum ShellQuoting {
    private static let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=@%+,".unicodeScalars)

    /// The word unchanged when it is safe, else in single quotes.
    public static func quote(_ word: String) -> String {
        if !word.isEmpty && word.unicodeScalars.allSatisfy({ safe.contains($0) }) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }

    /// The words quoted and joined by spaces.
    public static func command(_ words: [String]) -> String { words.map(quote).joined(separator: " ") }
}
