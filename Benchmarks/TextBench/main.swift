// TextBench — quick throughput benchmark for `Lexicon`.
//
// Usage:
//   zcat /work/shared/corpora/news-en.jsonl.gz > /tmp/news.jsonl
//   swift run -c release TextBench /tmp/news.jsonl
//
// JSONL input (one object per line with a "text" field) is parsed once and each
// article is matched separately; any other file is matched as one text.
// Prints the median throughput of 5 runs and the match count.
import Foundation
import Marginalia

let benchTerms: [String] = [
    // Defense (EN)
    "defense", "defence", "air defense", "missile defense", "ministry of defense", "defense minister",
    "army", "navy", "air force", "military", "troops", "soldiers", "armed forces", "weapons", "arms deal",
    "arms sales", "missile", "ballistic missile", "nuclear weapons", "tank", "tanks", "fighter jet",
    "fighter jets", "warship", "submarine", "drone", "drones", "artillery", "ammunition", "NATO",
    "Pentagon", "military exercise", "ceasefire", "airstrike", "airstrikes", "insurgents", "militants",
    "peacekeepers", "peacekeeping", "T-54", "S-400", "F-35",
    // Défense (FR)
    "défense", "ministère de la défense", "armée", "armée de l'air", "forces armées", "militaire",
    "militaires", "soldats", "armes", "missiles", "char", "chars", "sous-marin", "frappes aériennes",
    "cessez-le-feu", "OTAN", "casques bleus", "maintien de la paix",
    // Agriculture (EN)
    "agriculture", "agricultural", "farmers", "farming", "crop", "crops", "harvest", "wheat", "rice",
    "maize", "corn", "soybeans", "coffee", "cocoa", "livestock", "cattle", "fertilizer", "pesticides",
    "irrigation", "drought", "famine", "food security", "armyworm", "fall armyworm", "locusts",
    "Food and Agriculture Organization", "FAO", "World Food Programme", "WFP",
    // Agriculture (FR)
    "agriculteurs", "récolte", "récoltes", "blé", "riz", "maïs", "café", "bétail", "engrais",
    "sécheresse", "sécurité alimentaire", "Programme alimentaire mondial",
    // UN (EN)
    "United Nations", "UN", "U.N.", "Security Council", "UN Security Council", "General Assembly",
    "resolution", "veto", "vetoed", "secretary-general", "Ban Ki-moon", "Guterres", "UNHCR", "UNICEF",
    "human rights council", "sanctions", "abstained", "voted in favour", "voted in favor",
    // UN (FR)
    "Nations unies", "ONU", "Conseil de sécurité", "Assemblée générale", "résolution", "secrétaire général",
    "droits de l'homme",
    // Diplomacy (EN)
    "diplomacy", "diplomatic", "diplomat", "diplomats", "ambassador", "embassy", "foreign minister",
    "foreign ministry", "State Department", "secretary of state", "summit", "treaty", "bilateral",
    "negotiations", "peace talks", "envoy", "Kremlin", "Beijing", "Moscow", "Washington", "Hanoi",
    "Vietnam", "China", "Russia", "Israel", "settlements", "Palestinian",
    // Diplomacy (FR)
    "diplomatie", "ambassadeur", "ambassade", "ministre des affaires étrangères", "sommet", "traité",
    "négociations", "pourparlers", "Hà Nội", "Việt Nam", "Pékin", "Moscou",
]

let args = CommandLine.arguments
guard args.count >= 2, let data = FileManager.default.contents(atPath: args[1]) else {
    print("usage: TextBench FILE   (JSONL with a \"text\" field per line, or plain text)")
    exit(2)
}

var documents: [[UInt8]] = []
if data.first == UInt8(ascii: "{") {
    for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
        if let obj = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
           let text = obj["text"] as? String {
            documents.append(Array(text.utf8))
        }
    }
} else {
    documents = [Array(data)]
}
let totalBytes = documents.reduce(0) { $0 + $1.count }

let lexicon = try Lexicon(terms: benchTerms)
print("terms: \(benchTerms.count), documents: \(documents.count), bytes: \(totalBytes)")

/// CPU time of the calling thread, in seconds (robust against other processes).
func threadCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

var rates: [Double] = []
var cpuRates: [Double] = []
var matchCount = 0
for run in 1...5 {
    let start = DispatchTime.now().uptimeNanoseconds
    let cpuStart = threadCPUSeconds()
    var count = 0
    for doc in documents {
        count += doc.withUnsafeBufferPointer { lexicon.matches(inUTF8: $0).count }
    }
    let cpu = threadCPUSeconds() - cpuStart
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let rate = Double(totalBytes) / 1e6 / seconds
    rates.append(rate)
    cpuRates.append(Double(totalBytes) / 1e6 / cpu)
    matchCount = count
    print(String(format: "run %d: %.1f MB/s wall (%.3f s), %.1f MB/s per CPU-second", run, rate, seconds, cpuRates.last!))
}
rates.sort()
cpuRates.sort()
print(String(format: "median: %.1f MB/s wall, %.1f MB/s per CPU-second, matches: %d",
             rates[rates.count / 2], cpuRates[cpuRates.count / 2], matchCount))
