// TextBench — the `marginalia.lexicon` matcher alone, over a corpus held in memory.
//
// Usage (from the repository root; Benchmarks/run.sh runs it for you):
//   swift build -c release --product TextBench
//   .build/release/TextBench ../shared/corpora/news-en.jsonl.gz Plugins
//
// The terms are every line of the lexicon files (*.txt) in the folder and in the
// lexicons/ folder of each plugin folder in it (Plugins/NAME/lexicons), compiled into one
// Lexicon; each article is matched separately (folded case and accents, whole words,
// leftmost-longest), as a plugin's `find_all` does. Prints every run, the median of
// `--runs` runs (default 7) and a last `RESULT` line for scripts. `--only A,B` keeps the
// lexicons of those plugin folders alone (the issue-16 run's topic taggers:
// `--only defense,agriculture,diplomacy,humanitarian`).
import Foundation
import Marginalia

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    print("usage: TextBench CORPUS(.jsonl|.jsonl.gz|folder) PLUGINS_OR_LEXICON_FOLDER [--runs N] [--only PLUGIN,…]")
    exit(2)
}
var runs = 7
if let flag = arguments.firstIndex(of: "--runs"), flag + 1 < arguments.count, let value = Int(arguments[flag + 1]) { runs = max(1, value) }

var only: Set<String>?
if let flag = arguments.firstIndex(of: "--only"), flag + 1 < arguments.count {
    only = Set(arguments[flag + 1].split(separator: ",").map(String.init))
}

var terms: [String] = []
let folder = arguments[2]
var termFiles: [String] = []
for name in (try FileManager.default.contentsOfDirectory(atPath: folder)).sorted() {
    let path = (folder as NSString).appendingPathComponent(name)
    if name.hasSuffix(".txt") { termFiles.append(path); continue }
    if let only, !only.contains(name) { continue }
    let lexicons = (path as NSString).appendingPathComponent("lexicons")
    for file in ((try? FileManager.default.contentsOfDirectory(atPath: lexicons)) ?? []).sorted() where file.hasSuffix(".txt") {
        termFiles.append((lexicons as NSString).appendingPathComponent(file))
    }
}
for path in termFiles {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    terms += text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        .filter { !$0.isEmpty && !$0.hasPrefix("#") }
}
terms = Array(Set(terms)).sorted()

var documents: [[UInt8]] = []
for item in CorpusReader(paths: [arguments[1]]) {
    if case .success(let document) = item { documents.append(Array(document.text.utf8)) }
}
let totalBytes = documents.reduce(0) { $0 + $1.count }
let lexicon = try Lexicon(terms: terms)
print("terms: \(terms.count), documents: \(documents.count), bytes: \(totalBytes)")
// A lexicon compiles on its first scan: compile it here, outside the timed runs.
let compileStart = DispatchTime.now().uptimeNanoseconds
let states = lexicon.stateCount
print(String(format: "compiled: %d states in %.1f ms", states, Double(DispatchTime.now().uptimeNanoseconds - compileStart) / 1e6))

/// CPU time of the calling thread, in seconds (robust against other processes).
func threadCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

var rates: [Double] = []
var cpuRates: [Double] = []
var matchCount = 0
for run in 1...runs {
    let start = DispatchTime.now().uptimeNanoseconds
    let cpuStart = threadCPUSeconds()
    var count = 0
    for document in documents {
        count += document.withUnsafeBufferPointer { lexicon.matches(inUTF8: $0).count }
    }
    let cpu = threadCPUSeconds() - cpuStart
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    rates.append(Double(totalBytes) / 1e6 / seconds)
    cpuRates.append(Double(totalBytes) / 1e6 / cpu)
    matchCount = count
    print(String(format: "run %d: %.1f MB/s wall (%.3f s), %.1f MB/s per CPU-second", run, rates.last!, seconds, cpuRates.last!))
}
rates.sort()
cpuRates.sort()
print(String(format: "median: %.1f MB/s wall, %.1f MB/s per CPU-second, matches: %d",
             rates[rates.count / 2], cpuRates[cpuRates.count / 2], matchCount))
print(String(format: "RESULT lexicon_mb_per_s=%.2f lexicon_cpu_mb_per_s=%.2f matches=%d terms=%d",
             rates[rates.count / 2], cpuRates[cpuRates.count / 2], matchCount, terms.count))
