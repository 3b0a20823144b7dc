import Foundation
import Marginalia

/// The decompressed text of a .gz file (with the system's gzip).
///
/// ```swift
/// let lines = try gunzip(Repository.newsCorpus).split(separator: "\n")
/// ```
public func gunzip(_ path: String) throws -> String {
    let result = try ChildProcess.run(program: "/usr/bin/env", ["gzip", "-dc", path])
    guard result.status == 0 else { throw CocoaError(.fileReadCorruptFile) }
    return result.stdout
}

extension GoldTable {
    /// The gold table in the repository file `relative` (e.g. `seeds/gold.tsv`).
    ///
    /// ```swift
    /// let gold = try GoldTable(repositoryFile: "Tests/Gold/news-en.tsv")
    /// ```
    public init(repositoryFile relative: String) throws {
        self = try GoldTable.parse(String(contentsOfFile: Repository.path(relative), encoding: .utf8), file: relative)
    }
}
