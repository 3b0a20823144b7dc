import Marginalia
@testable import MarginaliaLua
import XCTest

/// What the host holds for the plugins — compiled lexicons, annotations, a document's tokens —
/// counts against the memory limit beside the Lua heap, is given back when it is dropped, and
/// a plugin that wants more than the limit gets a `memory-limit` error naming it and the
/// document. The assertions are on the host's counters, never on time.
final class HostMemoryBudgetTests: XCTestCase {
    private let limit = 16 << 20
    /// What a host call may push past the limit before it looks (256 values) plus the
    /// message of the error.
    private let slack = 1 << 20

    private func host(annotate body: String, top: String = "", labels: String = #""t.x""#,
                      instructions: Int = 200_000_000) throws -> PluginHost {
        let host = try PluginHost(limits: SandboxLimits(instructions: instructions, memoryBytes: limit, seconds: 0))
        host.onLog = { _, _ in }
        try host.load(source: """
            \(top)
            return {
              name = "hungry", version = "1", description = "asks the host for memory", labels = { \(labels) },
              annotate = function (doc)
                \(body)
              end,
            }
            """, path: "hungry.lua")
        return host
    }

    /// Lua that makes `count` distinct terms from `prefix` (about 1 MB of automaton for 3000).
    private func terms(_ prefix: String, count: Int = 3000) -> String {
        "(function () local t = {} for i = 1, \(count) do t[i] = \(prefix) .. 'w' .. i end return t end)()"
    }

    private func assertMemoryLimit(_ result: Result<PluginOutput, ProcessingError>, mentions fragment: String,
                                   document: String, file: StaticString = #filePath, line: UInt = #line) {
        guard case .failure(let error) = result else { return XCTFail("not stopped", file: file, line: line) }
        XCTAssertEqual(error.kind, .memoryLimit, error.message, file: file, line: line)
        XCTAssertEqual(error.plugin, "hungry", file: file, line: line)
        XCTAssertEqual(error.documentID, document, file: file, line: line)
        XCTAssertTrue(error.message.contains("plugin 'hungry' on document '\(document)'"), error.message, file: file, line: line)
        XCTAssertTrue(error.message.contains(fragment), "'\(error.message)' lacks '\(fragment)'", file: file, line: line)
        XCTAssertTrue(error.message.contains("memory limit of 16 MB"), error.message, file: file, line: line)
    }

    // MARK: lexicons

    func testALexiconMadeForEveryDocumentIsGivenBackAndTheHostStaysWithinItsLimit() throws {
        // 200 documents, each with its own 3000-term lexicon (about 1 MB): 200 MB if kept.
        let host = try host(annotate: """
            local lexicon = marginalia.lexicon(\(terms("doc.id")))
            for _, m in ipairs(lexicon:find_all(doc)) do doc:annotate(m.start, m.stop, "t.x") end
            """)
        let buildsBefore = LexiconCache.shared.statistics.builds
        var mostLive = 0
        for number in 1...200 {
            let id = "d\(number)"
            guard case .success(let output) = host.annotate(Document(id: id, text: "About \(id)w17 and more."))[0] else {
                return XCTFail("document \(id) failed: \(host.annotate(Document(id: id, text: "x"))[0])")
            }
            XCTAssertEqual(output.annotations.count, 1, id)
            mostLive = max(mostLive, host.liveLexiconCount)
        }
        XCTAssertLessThanOrEqual(mostLive, 16, "live lexicons (about 1 MB each) stay within the 16 MB budget")
        XCTAssertEqual(LexiconCache.shared.statistics.builds - buildsBefore, 200)
        XCTAssertLessThanOrEqual(host.peakMemoryWithHost, limit + slack, "Lua and host together")
        host.collectGarbage()
        XCTAssertEqual(host.liveLexiconCount, 0, "every handle was collected and gave its lexicon back")
        XCTAssertEqual(host.hostMemoryInUse, 0)
        let cache = LexiconCache.shared.statistics
        XCTAssertLessThanOrEqual(cache.idleBytes, LexiconCache.shared.idleBytesLimit, "the cache keeps only a bounded share of the idle ones")
        XCTAssertLessThan(cache.cached - cache.held, 200, "idle lexicons were dropped from the cache")
    }

    func testTheSameLexiconInEveryDocumentIsBuiltOnce() throws {
        let host = try host(annotate: """
            local lexicon = marginalia.lexicon(\(terms("'built-once-'", count: 500)))
            for _, m in ipairs(lexicon:find_all(doc)) do doc:annotate(m.start, m.stop, "t.x") end
            local garbage = {} for i = 1, 20000 do garbage[i] = { i } end   -- lets the collector run
            """)
        let buildsBefore = LexiconCache.shared.statistics.builds
        for number in 1...40 {
            guard case .success(let output) = host.annotate(Document(id: "d\(number)", text: "see built-once-w7"))[0] else {
                return XCTFail("document \(number) failed")
            }
            XCTAssertEqual(output.annotations.count, 1)
        }
        XCTAssertEqual(LexiconCache.shared.statistics.builds - buildsBefore, 1, "compiled once, then taken from the cache")
    }

    func testALexiconBiggerThanTheIdleShareIsStillCompiledOnceForEveryDocument() throws {
        let cache = LexiconCache.shared
        let idleLimit = cache.idleBytesLimit
        cache.idleBytesLimit = 1 << 10   // smaller than the lexicon: only the newest idle one stays
        defer { cache.idleBytesLimit = idleLimit }
        let host = try host(annotate: """
            local lexicon = marginalia.lexicon(\(terms("'newest-idle-'", count: 500)))
            for _, m in ipairs(lexicon:find_all(doc)) do doc:annotate(m.start, m.stop, "t.x") end
            """)
        let buildsBefore = cache.statistics.builds
        for number in 1...20 {
            guard case .success = host.annotate(Document(id: "d\(number)", text: "see newest-idle-w7"))[0] else { return XCTFail("\(number)") }
            host.collectGarbage()   // the handle is collected: the lexicon is idle between documents
        }
        XCTAssertEqual(cache.statistics.builds - buildsBefore, 1)
    }

    func testManyLexiconsThatEachFitAreStoppedTogetherByTheMemoryLimit() throws {
        // Each lexicon fits on its own; fifty kept at once (about 50 MB) do not fit in 16 MB.
        let host = try host(annotate: """
            local kept = {}
            for n = 1, 50 do kept[n] = marginalia.lexicon(\(terms("'k' .. n .. '-'"))) end
            doc:label("t.x")
            """)
        let result = host.annotate(Document(id: "many-lexicons", text: "Nothing to find here."))[0]
        assertMemoryLimit(result, mentions: "marginalia.lexicon", document: "many-lexicons")
        if case .failure(let error) = result { XCTAssertEqual(error.line, 6, "the line of marginalia.lexicon: \(error.message)") }
        XCTAssertLessThanOrEqual(host.peakMemoryWithHost, limit + slack)
        host.collectGarbage()
        XCTAssertEqual(host.liveLexiconCount, 0)
        XCTAssertEqual(host.hostMemoryInUse, 0, "the failed document's lexicons were given back")
    }

    func testLexiconsMadeWhileLoadingStayAndAreGroupedWhileThoseOfADocumentGo() throws {
        let host = try host(annotate: """
            local own = marginalia.lexicon{ doc.id .. "-own" }
            for _, m in ipairs(FIXED:find_all(doc)) do doc:annotate(m.start, m.stop, "t.x") end
            for _, m in ipairs(OTHER:find_all(doc)) do doc:annotate(m.start, m.stop, "t.x") end
            for _, m in ipairs(own:find_all(doc)) do doc:annotate(m.start, m.stop, "t.x") end
            """, top: """
            local FIXED = marginalia.lexicon{ "tanks", "missiles" }
            local OTHER = marginalia.lexicon{ "frigate" }
            """)
        for number in 1...30 {
            let id = "doc\(number)"
            guard case .success(let output) = host.annotate(Document(id: id, text: "Tanks, a frigate and \(id)-own."))[0] else {
                return XCTFail("\(id) failed")
            }
            XCTAssertEqual(output.annotations.map(\.span?.byteStart), [0, 9, 21], id)
        }
        host.collectGarbage()
        XCTAssertEqual(host.liveLexiconCount, 2, "the two lexicons of the plugin's top level stay")
        XCTAssertGreaterThan(host.hostMemoryInUse, 0, "and stay charged")
    }

    func testASecondHostTakesTheCachedGroupWithoutPlanningItAndIsChargedTheSame() throws {
        let top = """
            local FIXED = marginalia.lexicon{ "corvettes", "howitzers" }
            local OTHER = marginalia.lexicon{ "destroyer" }
            """
        let body = """
            for _, m in ipairs(FIXED:find_all(doc)) do doc:annotate(m.start, m.stop, "t.x") end
            for _, m in ipairs(OTHER:find_all(doc)) do doc:annotate(m.start, m.stop, "t.x") end
            """
        let document = Document(id: "fleet", text: "Howitzers and a destroyer.")
        let plansBefore = LexiconCache.shared.statistics.groupPlans
        let first = try host(annotate: body, top: top)
        guard case .success(let firstOutput) = first.annotate(document)[0] else { return XCTFail("the first host failed") }
        XCTAssertEqual(LexiconCache.shared.statistics.groupPlans - plansBefore, 1, "the first host plans the group")
        let second = try host(annotate: body, top: top)
        guard case .success(let secondOutput) = second.annotate(document)[0] else { return XCTFail("the second host failed") }
        XCTAssertEqual(LexiconCache.shared.statistics.groupPlans - plansBefore, 1, "the second takes it from the cache, planned already")
        XCTAssertEqual(firstOutput.annotations.map(\.span?.byteStart), [0, 16])
        XCTAssertEqual(secondOutput.annotations.map(\.span?.byteStart), [0, 16])
        // Each host is charged the two lexicons and the group at their planned sizes, cached or not.
        let fixed = try LexiconPlan(terms: ["corvettes", "howitzers"]), other = try LexiconPlan(terms: ["destroyer"])
        let group = LexiconGroup.plan(combining: [Lexicon(fixed), Lexicon(other)])
        let planned = fixed.retainedBytes + other.retainedBytes + group.retainedBytes
        XCTAssertEqual(first.hostMemoryInUse, planned)
        XCTAssertEqual(second.hostMemoryInUse, planned)
    }

    // MARK: annotations and what host calls push

    func testAPluginEmittingHugeNumbersOfAnnotationsIsCharged() throws {
        let host = try host(annotate: "for i = 1, 10000000 do doc:annotate(1, 3, 't.x') end")
        let result = host.annotate(Document(id: "flood", text: "Tanks everywhere."))[0]
        assertMemoryLimit(result, mentions: "the host", document: "flood")
        XCTAssertLessThanOrEqual(host.peakMemoryWithHost, limit + slack)
        XCTAssertEqual(host.hostMemoryInUse, 0, "the dropped annotations were given back")
    }

    func testBigFeaturesAreCharged() throws {
        let host = try host(annotate: """
            local blob = string.rep("x", 100000)
            for i = 1, 1000 do doc:annotate(1, 3, "t.x", { features = { blob = blob .. i } }) end
            """)
        assertMemoryLimit(host.annotate(Document(id: "features", text: "Tanks."))[0], mentions: "memory limit", document: "features")
        XCTAssertLessThanOrEqual(host.peakMemoryWithHost, limit + slack)
    }

    func testLexAnnotateOverAHugeNumberOfMatchesIsStopped() throws {
        let text = String(repeating: "a ", count: 1_000_000)   // a million matches of "a"
        let host = try host(annotate: #"marginalia.lexicon{ "a" }:annotate(doc, "t.x")"#)
        assertMemoryLimit(host.annotate(Document(id: "letters", text: text))[0],
                          mentions: "lex:annotate: the 1000000 matches in document 'letters' do not fit", document: "letters")
        XCTAssertLessThanOrEqual(host.peakMemoryWithHost, limit + slack + text.utf8.count, "beside the document's own text")
    }

    func testHostCallsThatPushManyValuesStayWithinTheLimit() throws {
        let text = String(repeating: "word ", count: 800_000)
        func counted(_ call: String) -> String { "local all = \(call) doc:label('t.x', 1, { n = #all })" }
        func stepped(_ call: String) -> String { "local n = 0 for _ in \(call) do n = n + 1 end doc:label('t.x', 1, { n = n })" }
        for (body, fragment) in [(counted("doc:tokens()"), "doc:tokens: the 800000 spans"),
                                 (counted(#"marginalia.lexicon{ "word" }:find_all(doc)"#), "find_all: the 800000 matches in document 'big'"),
                                 (counted(#"marginalia.lexicon{ "word" }:find_all(doc.text)"#), "find_all: the 800000 matches in a string"),
                                 // lex:each packs its matches into one userdata, made inside the host call,
                                 // where the allocator refuses nothing (a refusal there would raise through
                                 // Swift frames): the call must ask for the room first, as find_all does.
                                 (stepped(#"marginalia.lexicon{ "word" }:each(doc)"#), "each: the 800000 matches in document 'big' do not fit"),
                                 (stepped(#"marginalia.lexicon{ "word" }:each(doc.text)"#), "each: the 800000 matches in a string do not fit")] {
            let host = try host(annotate: body)
            assertMemoryLimit(host.annotate(Document(id: "big", text: text))[0], mentions: fragment, document: "big")
            XCTAssertLessThanOrEqual(host.peakMemoryWithHost, limit + slack + 2 * text.utf8.count, body)
            // The host carries on: a small document after the refusal is annotated.
            guard case .success(let small) = host.annotate(Document(id: "small", text: "word word"))[0] else {
                return XCTFail("after the refusal: \(body)")
            }
            XCTAssertEqual(small.annotations.first?.features, .object(["n": .integer(2)]), body)
        }
    }

    func testLexEachStaysWithinAVeryLowLimitOrIsRefused() throws {
        // 1 MB: room for the prelude and the plugin, not for 100,000 matches (2.4 MB packed).
        let low = try PluginHost(limits: SandboxLimits(instructions: 200_000_000, memoryBytes: 1 << 20, seconds: 0))
        try low.load(source: """
            local WORD = marginalia.lexicon{ "word" }
            return { name = "hungry", version = "1", description = "d", labels = { "t.x" },
              annotate = function (doc)
                local n = 0
                for start, stop in WORD:each(doc) do n = n + stop - start + 1 end
                doc:label("t.x", 1, { bytes = n })
              end }
            """, path: "hungry.lua")
        guard case .failure(let error) = low.annotate(Document(id: "many", text: String(repeating: "word ", count: 100_000)))[0] else {
            return XCTFail("100,000 matches fit in 1 MB")
        }
        XCTAssertEqual(error.kind, .memoryLimit, error.message)
        XCTAssertTrue(error.message.contains("each: the 100000 matches in document 'many' do not fit in the memory limit of 1 MB"), error.message)
        XCTAssertLessThanOrEqual(low.peakMemoryWithHost, (1 << 20) + slack)
        guard case .success(let few) = low.annotate(Document(id: "few", text: "word, word and word"))[0] else {
            return XCTFail("three matches after the refusal")
        }
        XCTAssertEqual(few.annotations.first?.features, .object(["bytes": .integer(12)]))
    }

    func testWhatADocumentChargedIsGivenBackWhenItIsDone() throws {
        let host = try host(annotate: """
            for i = 1, 1000 do doc:annotate(1, 3, "t.x", { features = { n = i, note = "a note longer than fifteen bytes" } }) end
            local _ = doc:tokens()
            """)
        let before = host.hostMemoryInUse
        guard case .success(let output) = host.annotate(Document(id: "d", text: "Tanks and more tanks."))[0] else {
            return XCTFail("failed")
        }
        XCTAssertEqual(output.annotations.count, 1000)
        XCTAssertGreaterThan(host.peakMemoryWithHost, 1000 * HostFootprint.annotationSlot, "the annotations were charged")
        XCTAssertEqual(host.hostMemoryInUse, before)
    }

    func testTheAnnotationsOfEarlierPluginsCountUntilTheDocumentIsDone() throws {
        // Each plugin's annotations (about 6 MB) fit on their own; the second's do not beside
        // the first's, which the worker still holds for the document.
        let host = try PluginHost(limits: SandboxLimits(instructions: 200_000_000, memoryBytes: limit, seconds: 0))
        for name in ["first", "second"] {
            try host.load(source: """
                return { name = "\(name)", version = "1", description = "d", labels = { "\(name).x" },
                  annotate = function (doc) for i = 1, 25000 do doc:annotate(1, 3, "\(name).x", { features = { n = i } }) end end }
                """, path: "\(name).lua")
        }
        let results = host.annotate(Document(id: "two", text: "Tanks."))
        guard case .success(let first) = results[0], case .failure(let second) = results[1] else { return XCTFail("\(results)") }
        XCTAssertEqual(first.annotations.count, 25000)
        XCTAssertEqual(second.kind, .memoryLimit, second.message)
        XCTAssertEqual(second.plugin, "second")
        XCTAssertLessThanOrEqual(host.peakMemoryWithHost, limit + slack)
        XCTAssertEqual(host.hostMemoryInUse, 0, "both plugins' share was given back with the document")
        guard case .success(let again) = host.annotate(Document(id: "small", text: "Tanks."))[0] else { return XCTFail("first on a new document") }
        XCTAssertEqual(again.annotations.count, 25000)
    }
}
