import Foundation
import Marginalia
import MarginaliaLua

/// The Lua API under a fuzzer: each input is run in a fresh sandboxed ``PluginHost`` in one
/// of three ways, chosen by its first byte —
///
/// - **snippet**: the rest of the bytes as a Lua chunk (`marginalia eval`), with any label;
/// - **plugin**: the rest as a plugin file, loaded and run on a document;
/// - **calls**: the rest decoded into a program of host calls with odd arguments —
///   `doc:annotate` with spans past the text or through a UTF-8 character, NaN and huge
///   scores, `marginalia.lexicon` with empty, control-byte and non-string terms, patterns
///   for the step-counting `string.find/match/gmatch/gsub`, `ctx.log` with control bytes,
///   lexicon methods called on the wrong things (`find_all`, `each`, `annotate`), `doc:count`
///   with odd labels and features, `marginalia.features` handles of odd values,
///   self-referencing tables, tables with
///   raising metamethods — each call in a `pcall`, so that one error does not end the
///   program, and each error it catches checked to name the script's line.
///
/// Whatever a script does must end as a value or a clean error: no trap, no memory error
/// (AddressSanitizer), an error naming the plugin and the document, every annotation inside
/// the text on character boundaries, every log line escaped for the terminal, the host's
/// memory charges back to zero once the document is done and its lexicons collected, and
/// the host still usable.
///
/// ```swift
/// FuzzLuaAPI.run([2] + Array("ABC".utf8))   // the program the bytes "ABC" decode to
/// ```
public enum FuzzLuaAPI {
    /// Small limits, so that an input runs in well under libFuzzer's 10 s timeout even under
    /// AddressSanitizer (a plugin input runs three times: its top level and two documents).
    static let limits = SandboxLimits(instructions: 1_000_000, memoryBytes: 16 << 20, seconds: 1)

    /// The document every input runs on: multibyte characters, a NUL, NFD text, two sentences.
    static let document = Document(id: "fuzz-doc", text: "Tanks near H\u{E0} N\u{1ED9}i\u{0}; Ha\u{0301} NOI \u{2014} missiles.\nA second sentence, with 42 words?")

    public static func run(_ bytes: [UInt8]) {
        guard let mode = bytes.first else { return }
        let rest = Array(bytes.dropFirst())
        switch mode % 3 {
        case 0: runSnippet(String(decoding: rest, as: UTF8.self))
        case 1: runPlugin(String(decoding: rest, as: UTF8.self))
        default: runSnippet(LuaCallProgram(rest).source)
        }
    }

    /// A host whose log lines are checked for raw control characters as they are printed.
    private static func makeHost() -> PluginHost {
        guard let host = try? PluginHost(limits: limits) else { fatalError("cannot make a plugin host") }
        host.onLog = { plugin, message in
            for text in [plugin, message] where TerminalText.safeLine(text).unicodeScalars.contains(where: { TerminalText.isControl($0) }) {
                fatalError("a log line would reach the terminal with a control character: \(text.debugDescription)")
            }
        }
        return host
    }

    private static func runSnippet(_ code: String) {
        let host = makeHost()
        switch host.evaluate(code, on: document) {
        case .success(let outcome): check(outcome.annotations)
        case .failure(let error):
            check(error, plugin: "eval")
            if error.message.contains("FUZZ-UNCLEAN") { fatalError(error.message) }
        }
        host.collectGarbage()
        if host.hostMemoryInUse != 0 || host.liveLexiconCount != 0 {
            fatalError("after the document and a collection the host still holds \(host.hostMemoryInUse) bytes, \(host.liveLexiconCount) lexicons")
        }
        checkStillUsable(host)
    }

    private static func runPlugin(_ source: String) {
        let host = makeHost()
        let descriptor: PluginDescriptor
        do { descriptor = try host.load(source: source, path: "fuzz.lua") } catch {
            if error.file != "fuzz.lua" || error.message.isEmpty { fatalError("a load error that does not name the file: \(error)") }
            return
        }
        for _ in 0..<2 {
            let before = host.hostMemoryInUse
            for result in host.annotate(document) {
                switch result {
                case .success(let output): check(output.annotations)
                case .failure(let error): check(error, plugin: descriptor.name)
                }
            }
            host.collectGarbage()
            if host.hostMemoryInUse > before {
                // Only lexicons the plugin keeps (in an upvalue) may stay charged.
                if host.liveLexiconCount == 0 { fatalError("the document's charges were not given back: \(before) → \(host.hostMemoryInUse)") }
            }
        }
        checkStillUsable(host)
    }

    private static func check(_ annotations: [Annotation]) {
        let utf8 = Array(document.text.utf8)
        for annotation in annotations {
            guard let span = annotation.span else { continue }
            guard span.byteStart >= 0, span.byteStart <= span.byteEnd, span.byteEnd <= utf8.count else {
                fatalError("an annotation outside the text: \(span)")
            }
            for offset in [span.byteStart, span.byteEnd] where offset < utf8.count && utf8[offset] & 0xC0 == 0x80 {
                fatalError("an annotation through a UTF-8 character: \(span)")
            }
            let prefix = String(decoding: utf8[..<span.byteStart], as: UTF8.self).unicodeScalars.count
            if prefix != span.codePointStart { fatalError("code point offset \(span.codePointStart) is not \(prefix): \(span)") }
            if annotation.label.isEmpty { fatalError("an annotation without a label") }
        }
    }

    private static func check(_ error: ProcessingError, plugin: String) {
        guard error.plugin == plugin, error.documentID == document.id, !error.message.isEmpty,
              error.message.contains("'\(document.id)'") else {
            fatalError("an error that does not name plugin '\(plugin)' and the document: \(error)")
        }
    }

    private static func checkStillUsable(_ host: PluginHost) {
        guard case .success(let outcome) = host.evaluate("1 + 1", on: document), outcome.values.last == "2" else {
            fatalError("the host is not usable after the input")
        }
    }
}

/// Decodes fuzz bytes into a Lua program of host calls, each in a `pcall` (see ``FuzzLuaAPI``).
///
/// ```swift
/// LuaCallProgram([0, 7, 1, 200]).source   // "local L = …\ntry(function() doc:annotate(…) end)\n…"
/// ```
struct LuaCallProgram {
    private var bytes: [UInt8]
    private var offset = 0
    private(set) var source = ""

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        source = """
            local L = marginalia.lexicon{ "tanks", "ha noi", "missiles" }
            local function nest(n) local t = {} local c = t for _ = 1, n do c.x = {} c = c.x end return t end
            local selfish = {} selfish.me = selfish
            local raising = setmetatable({}, { __index = function() error("raised from __index") end,
                                               __len = function() error("raised from __len") end })
            local unclean
            local function try(f)
              local ok, err = pcall(f)
              if not ok and not (type(err) == "string" and (err:find("^eval:%d+: ") or err == "not enough memory")) then
                unclean = unclean or ("FUZZ-UNCLEAN error without the script's line: " .. type(err) .. " " .. tostring(err))
              end
            end

            """
        var calls = 0
        while offset < bytes.count && calls < 64 {
            source += "try(function() \(call()) end)\n"
            calls += 1
        }
        source += "if unclean then error(unclean, 0) end\n"
    }

    private mutating func next() -> UInt8 {
        guard offset < bytes.count else { return 0 }
        defer { offset += 1 }
        return bytes[offset]
    }

    private mutating func call() -> String {
        switch next() % 20 {
        case 0: return "doc:annotate(\(bytePosition()), \(bytePosition()), \(label()), \(options()))"
        case 1: return "doc:annotate(\(value()), \(value()), \(value()), \(value()))"
        case 2: return "doc:label(\(label()), \(value()), \(value()))"
        case 3: return "doc:annotations(\(value()))"
        case 4: return next() % 2 == 0 ? "local s = doc:sentences() return #s" : "local t = doc:tokens() return t[\(integer())]"
        case 5: return "ctx.log(\(value()), \(value()), \(string()))"
        case 6: return "print(\(string()), \(value()))"
        case 7: return "L = marginalia.lexicon(\(terms()))"
        case 8: return "return L:find_all(\(next() % 2 == 0 ? "doc" : value()))"
        case 9: return "return L:annotate(\(next() % 3 == 0 ? value() : "doc"), \(label()), \(value()))"
        case 10: return "return L.find_all(\(value()))"
        case 11: return "return marginalia.load_terms(\(value()))"
        case 12: return "return marginalia.include(\(value()))"
        case 13: return "return marginalia.use(\(value()))"
        case 14: return "return string.find(\(subject()), \(pattern()), \(integer()), \(value()))"
        case 15: return "return string.match(\(subject()), \(pattern()), \(integer()))"
        case 16: return "local n = 0 for a in string.gmatch(\(subject()), \(pattern())) do n = n + 1 if n > 50 then break end end"
        case 17: return "return string.gsub(\(subject()), \(pattern()), \(replacement()), \(value()))"
        case 18: return "for _, m in ipairs(marginalia.lexicon(\(terms())):find_all(\(subject()))) do doc:annotate(m.start, m.stop, \(label())) end"
        default:
            // Picks 0-3 of eight are the collections this slot always made (so kept inputs
            // still decode to them); 4-7 are doc:count and lex:each.
            let pick = Int(next() % 8)
            switch pick {
            case 4: return "return doc:count(\(value()), \(value()))"
            case 5: return "local n = 0 for s, e, t in L:each(\(next() % 2 == 0 ? "doc" : value())) do n = n + #t doc:annotate(s, e, \(label())) end"
            case 6: return "return L.each(\(value()))"
            case 7: return "local total, by = doc:count(\(label()), \(string())) return total, by and next(by)"
            default: return "collectgarbage(\(["\"collect\"", "\"step\"", "\"count\"", "\"incremental\""][pick]))"
            }
        }
    }

    /// An integer: edges of the text, of Lua's integers, and small numbers.
    private mutating func integer() -> String {
        let length = FuzzLuaAPI.document.text.utf8.count
        let edges = ["0", "1", "-1", "2", "\(length)", "\(length + 1)", "\(length - 1)", "math.maxinteger", "math.mininteger",
                     "2^53", "-2^63", "#doc.text // 2"]
        let pick = next()
        return pick < 128 ? edges[Int(pick) % edges.count] : String(Int(pick) - 160)
    }

    /// A 1-based byte position, mostly inside the text (some through a character).
    private mutating func bytePosition() -> String {
        let pick = next()
        return pick < 200 ? String(Int(pick) % (FuzzLuaAPI.document.text.utf8.count + 2)) : integer()
    }

    private mutating func label() -> String {
        ["\"fuzz.x\"", "\"\"", string(), "\"fuzz.\\27]0;x\\7\"", "42", "nil", "L", "{}"][Int(next() % 8)]
    }

    private mutating func options() -> String {
        ["nil", "{ score = \(number()) }", "{ features = \(value()) }", "{ score = \(value()), features = { term = \(string()), n = \(number()), list = { \(value()), \(value()) } } }",
         "{ features = selfish }", "{ features = nest(300) }", "{ features = { [\(value())] = 1 } }", value(),
         "{ features = marginalia.features(\(value())) }"][Int(next() % 9)]
    }

    private mutating func number() -> String {
        ["0.5", "-0.0", "1/0", "-1/0", "0/0", "1e308", "1", "2", "-1", "0x7fffffffffffffff"][Int(next() % 10)]
    }

    /// A string literal of the next bytes (any byte: NUL, control, invalid UTF-8), escaped.
    private mutating func string() -> String {
        var raw: [UInt8] = []
        for _ in 0..<Int(next() % 24) { raw.append(next()) }
        return Self.literal(raw)
    }

    /// `bytes` as a Lua string literal: printable ASCII as it is, every other byte as `\ddd`.
    static func literal(_ bytes: [UInt8]) -> String {
        var literal = "\""
        for byte in bytes {
            if byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: "\\") && byte != UInt8(ascii: "\"") {
                literal.append(Character(Unicode.Scalar(byte)))
            } else {
                literal += "\\" + String(format: "%03d", Int(byte))
            }
        }
        return literal + "\""
    }

    private mutating func terms() -> String {
        switch next() % 6 {
        case 0: return "{}"
        case 1: return "{ \"\" }"
        case 2: return "{ \(string()), \(string()), \(string()) }"
        case 3: return "{ \(value()), \(value()) }"
        case 4: return "(function() local t = {} for i = 1, \(Int(next()) * 2) do t[i] = \(string()) .. i end return t end)()"
        default: return value()
        }
    }

    private mutating func subject() -> String {
        ["doc.text", string(), "string.rep(\(string()), \(Int(next()) * 4))", "(\"a\"):rep(\(Int(next()) * 8))"][Int(next() % 4)]
    }

    /// A Lua pattern from pieces the matcher treats specially, and bytes (a NUL among them).
    private mutating func pattern() -> String {
        let pieces = ["%a", "%d", "%s", "%w", "%p", "%c", "%x", "%u", "%l", ".", "*", "+", "-", "?", "[", "]", "^", "$", "(", ")",
                      "%b()", "%f[%w]", "%1", "%2", "[^%s]", "[a-z]", "a*", "(a*)*", "%", "%z", "[%]]", "%f", "()", "\u{0}"]
        var text: [UInt8] = []
        for _ in 0..<Int(next() % 12) {
            let pick = next()
            if pick < 200 { text += Array(pieces[Int(pick) % pieces.count].utf8) } else { text.append(pick % 26 + UInt8(ascii: "a")) }
        }
        return Self.literal(text)
    }

    private mutating func replacement() -> String {
        ["\"%0%1\"", "\"%\"", "\"%9\"", string(), "{ a = 1, tanks = \"T\" }", "function(...) return ... end",
         "function() error(\"in gsub\") end", "function() return {} end", "raising"][Int(next() % 9)]
    }

    /// Any value, nested at most a few levels.
    private mutating func value(depth: Int = 0) -> String {
        switch next() % (depth > 2 ? 10 : 14) {
        case 0: return integer()
        case 1: return number()
        case 2, 3: return string()
        case 4: return "nil"
        case 5: return next() % 2 == 0 ? "true" : "false"
        case 6: return ["doc", "doc.text", "ctx", "L", "ctx.params", "doc.meta"][Int(next() % 6)]
        case 7: return ["selfish", "raising", "nest(\(Int(next())))", "function() end", "coroutine.create(function() end)"][Int(next() % 5)]
        case 8: return "string.rep(\"x\", \(Int(next()) * 100))"
        case 9: return "setmetatable({}, { __tostring = function() return \(string()) end })"
        case 10: return "{ \(value(depth: depth + 1)), \(value(depth: depth + 1)) }"
        case 11: return "{ [\(value(depth: depth + 1))] = \(value(depth: depth + 1)) }"
        case 12: return "{ start = \(bytePosition()), stop = \(bytePosition()), term = \(string()) }"
        default: return "{ \(string()) }"
        }
    }
}
