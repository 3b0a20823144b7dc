import Foundation
import Marginalia
import MarginaliaTestSupport
import XCTest

/// What the host allocates for a plugin — a compiled lexicon above all, whose automaton lives
/// in Swift, outside the Lua allocator — counts against `--max-memory`, so that no plugin can
/// take the process far past its budget (`--jobs 2 --max-memory 256`: well under 800 MB).
final class HostMemoryTests: XCTestCase {
    /// A plugin that builds a lexicon of `count` made-up words (letters from a fixed
    /// generator, so 26 byte classes and millions of automaton states) in `annotate`.
    private func lexiconPlugin(count: Int, letters: String) -> String {
        """
        local function words()
          local terms, state = {}, 12345
          for i = 1, \(count) do
            local word = {}
            for k = 1, 8 + i % 7 do
              state = (state * 1103515245 + 12345) % 2147483648
              local at = state % \(letters.count) + 1
              word[k] = ("\(letters)"):sub(at, at)
            end
            terms[i] = table.concat(word)
          end
          return terms
        end
        return {
          name = "big_lexicon", version = "1.0", description = "builds a huge lexicon per document",
          labels = { "big.term" },
          annotate = function (doc)
            local lexicon = marginalia.lexicon(words())
            for _, m in ipairs(lexicon:find_all(doc)) do doc:annotate(m.start, m.stop, "big.term") end
          end,
        }
        """
    }

    private func corpus(_ directory: TemporaryDirectory, documents: Int) -> String {
        directory.write("in/docs.jsonl", (1...documents).map { #"{"id":"d\#($0)","text":"Words: abcdefgh and more."}"# + "\n" }.joined())
    }

    func testAHugeLexiconInAnnotateIsStoppedByTheMemoryLimitAndTheProcessStaysSmall() throws {
        let directory = TemporaryDirectory()
        let plugin = directory.write("big_lexicon.lua", lexiconPlugin(count: 300_000, letters: "abcdefghijklmnopqrstuvwxyz"))
        let input = corpus(directory, documents: 4)
        let store = directory.file("s.sqlite")
        let child = try ChildProcess(["annotate", input, "--store", store, "--plugins", plugin, "--only", "big_lexicon",
                                      "--jobs", "2", "--max-memory", "256", "--quiet"])
        let peak = PeakMemory(of: child)
        guard let result = child.wait(atMost: 300) else { return XCTFail("still running after 300 s") }
        let peakMB = peak.stop() >> 20
        XCTAssertLessThan(peakMB, 800, "peak RSS of marginalia annotate")
        XCTAssertEqual(result.status, 1, result.stderr)
        let errors = try ChildProcess.run(["errors", "--store", store, "--json"]).stdout
        let records = try errors.split(separator: "\n").map { try JSONParser.parse(Array($0.utf8)).objectValue ?? [:] }
        XCTAssertEqual(records.count, 4, errors)
        for record in records {
            XCTAssertEqual(record["kind"]?.stringValue, "memory-limit", "\(record)")
            XCTAssertEqual(record["plugin"]?.stringValue, "big_lexicon")
            XCTAssertTrue(record["message"]?.stringValue?.contains("marginalia.lexicon: 300000 terms need") == true, "\(record)")
            XCTAssertEqual(record["line"]?.doubleValue, 18, "the line of marginalia.lexicon in the plugin")
        }
    }

    func testALexiconThatFitsIsBuiltAndTheProcessStaysSmall() throws {
        let directory = TemporaryDirectory()
        // Four letters: few classes, a compact automaton (tens of MB) that fits the budget.
        let plugin = directory.write("big_lexicon.lua", lexiconPlugin(count: 300_000, letters: "abcd"))
        let input = corpus(directory, documents: 6)
        let store = directory.file("s.sqlite")
        // The budget under test is memory: the time limit is set far out of reach, since a debug
        // build on a loaded machine took longer than the default 30 s to build the lexicon.
        let child = try ChildProcess(["annotate", input, "--store", store, "--plugins", plugin, "--only", "big_lexicon",
                                      "--jobs", "2", "--max-memory", "256", "--max-seconds", "3600", "--quiet"])
        let peak = PeakMemory(of: child)
        guard let result = child.wait(atMost: 300) else { return XCTFail("still running after 300 s") }
        let peakMB = peak.stop() >> 20
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertLessThan(peakMB, 800, "peak RSS of marginalia annotate")
        let errors = try ChildProcess.run(["errors", "--store", store]).stdout
        XCTAssertTrue(errors.hasPrefix("no errors"), errors)
    }
}

/// The peak resident set size of a running child, read from `/proc/PID/status` (`VmHWM`,
/// the kernel's high-water mark) every 20 ms until `stop()`.
final class PeakMemory: @unchecked Sendable {
    private let lock = NSLock()
    private var peak = 0
    private var running = true
    private let done = DispatchSemaphore(value: 0)

    init(of child: ChildProcess) {
        let path = "/proc/\(child.process.processIdentifier)/status"
        Thread { [self] in
            while lock.withLock({ running }) {
                if let bytes = Self.highWaterMark(path) { lock.withLock { peak = max(peak, bytes) } }
                usleep(20_000)
            }
            done.signal()
        }.start()
    }

    /// Stops watching; the highest RSS seen, in bytes.
    func stop() -> Int {
        lock.withLock { running = false }
        done.wait()
        return lock.withLock { peak }
    }

    private static func highWaterMark(_ path: String) -> Int? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "") else { return nil }
        return kilobytes << 10
    }
}
