/// A full-text query in the part of FTS5's syntax that every backend runs: words,
/// `"phrases"` (a `""` inside is a quote), `prefix*`, `AND` (or nothing between two terms),
/// `OR`, `NOT` and parentheses; `NOT` binds tightest, then `AND`, then `OR`, as in FTS5.
/// Backends without FTS5 (PostgreSQL) parse the query with it and translate the tree.
///
/// ```swift
/// let tree = try SearchExpression.parse("\"security council\" OR drone* NOT exercise")
/// // .or(.phrase("security council"), .not(.prefix("drone"), .word("exercise")))
/// ```
public indirect enum SearchExpression: Sendable, Hashable {
    case word(String)
    case prefix(String)
    case phrase(String)
    case and(SearchExpression, SearchExpression)
    case or(SearchExpression, SearchExpression)
    /// Matches the first and not the second (FTS5's `NOT` is binary).
    case not(SearchExpression, SearchExpression)

    /// The query's tree; throws `SearchError` for an unbalanced quote or parenthesis, an
    /// operator without an operand, or an empty query.
    public static func parse(_ text: String) throws -> SearchExpression {
        var parser = Parser(query: text, tokens: try tokens(of: text))
        let expression = try parser.orExpression()
        if parser.position < parser.tokens.count { throw parser.failure("unexpected \(parser.tokens[parser.position])") }
        return expression
    }

    enum Token: Equatable, CustomStringConvertible {
        case term(String, prefix: Bool)
        case phrase(String, prefix: Bool)
        case and, or, not, open, close

        var description: String {
            switch self {
            case .term(let word, _): return "'\(word)'"
            case .phrase(let words, _): return "\"\(words)\""
            case .and: return "AND"
            case .or: return "OR"
            case .not: return "NOT"
            case .open: return "'('"
            case .close: return "')'"
            }
        }
    }

    static func tokens(of text: String) throws -> [Token] {
        var tokens: [Token] = []
        var characters = Array(text)[...]
        func takePrefixStar() -> Bool {
            guard characters.first == "*" else { return false }
            characters.removeFirst()
            return true
        }
        while let character = characters.first {
            if character.isWhitespace { characters.removeFirst(); continue }
            switch character {
            case "(": characters.removeFirst(); tokens.append(.open)
            case ")": characters.removeFirst(); tokens.append(.close)
            case "\"":
                characters.removeFirst()
                var words = ""
                while true {
                    guard let next = characters.popFirst() else { throw SearchError(query: text, message: "unterminated string") }
                    if next == "\"" {
                        if characters.first == "\"" { characters.removeFirst(); words.append("\"") } else { break }
                    } else {
                        words.append(next)
                    }
                }
                tokens.append(.phrase(words, prefix: takePrefixStar()))
            case "*":
                throw SearchError(query: text, message: "'*' must follow a word")
            default:
                var word = ""
                while let next = characters.first, !next.isWhitespace, !"()\"*".contains(next) { word.append(next); characters.removeFirst() }
                let prefix = takePrefixStar()
                switch (word, prefix) {
                case ("AND", false): tokens.append(.and)
                case ("OR", false): tokens.append(.or)
                case ("NOT", false): tokens.append(.not)
                default: tokens.append(.term(word, prefix: prefix))
                }
            }
        }
        return tokens
    }

    struct Parser {
        let query: String
        let tokens: [Token]
        var position = 0

        func failure(_ message: String) -> SearchError { SearchError(query: query, message: message) }

        mutating func orExpression() throws -> SearchExpression {
            var left = try andExpression()
            while position < tokens.count, tokens[position] == .or {
                position += 1
                left = .or(left, try andExpression())
            }
            return left
        }

        mutating func andExpression() throws -> SearchExpression {
            var left = try notExpression()
            while position < tokens.count {
                switch tokens[position] {
                case .and: position += 1
                case .term, .phrase, .open: break   // two terms side by side: AND
                default: return left
                }
                left = .and(left, try notExpression())
            }
            return left
        }

        mutating func notExpression() throws -> SearchExpression {
            var left = try primary()
            while position < tokens.count, tokens[position] == .not {
                position += 1
                left = .not(left, try primary())
            }
            return left
        }

        mutating func primary() throws -> SearchExpression {
            guard position < tokens.count else {
                throw failure(tokens.isEmpty ? "the query is empty" : "\(tokens[tokens.count - 1]) needs something after it")
            }
            let token = tokens[position]
            position += 1
            switch token {
            case .term(let word, let prefix): return prefix ? .prefix(word) : .word(word)
            case .phrase(let words, let prefix):
                if prefix { throw failure("a '*' after a phrase is not supported; put it after a word") }
                return .phrase(words)
            case .open:
                let inner = try orExpression()
                guard position < tokens.count, tokens[position] == .close else { throw failure("'(' is not closed") }
                position += 1
                return inner
            default:
                throw failure("\(token) needs a word before it")
            }
        }
    }
}
