import Foundation

/// Which named files are corpus files: `.txt`, `.jsonl`, `.jsonl.gz`, `.csv`, `.csv.gz`
/// and `-` (standard input) are read, a file without an extension is read as `.txt`, and any other extension
/// is refused with a hint saying how to turn it into something Marginalia reads, so that a
/// `.json` file is never stored as one document whose text is the raw JSON.
///
/// ```swift
/// CorpusFileType.unsupportedHint("notes/d.json")   // "JSON is read as JSON Lines: …"
/// CorpusFileType.unsupportedHint("a.txt")          // nil
/// ```
public enum CorpusFileType {
    /// The kinds that are read, as messages list them.
    public static let readable = ".txt, .jsonl, .jsonl.gz, .csv, .csv.gz"

    /// Why `path` cannot be read, with what to do instead; nil when it can.
    public static func unsupportedHint(_ path: String) -> String? {
        if CorpusReader.isCorpusFile(path) || path == "-" { return nil }
        let name = (path as NSString).lastPathComponent
        let dot = name.lastIndex(of: ".").map { name.index(after: $0) }
        guard let dot, dot < name.endIndex, name.first != "." || name.dropFirst().contains(".") else { return nil }
        let known = "Marginalia reads .txt (one article), .jsonl and .jsonl.gz (one {\"id\", \"text\", …} object a line), .csv and .csv.gz (a header, then one article a row)"
        switch name[dot...].lowercased() {
        case "json", "ndjson":
            return "JSON is read as JSON Lines: put one {\"id\", \"text\", …} object on each line and name the file .jsonl"
        case "tsv":
            return "\(known); write the table with commas as a .csv file (a header with id and text columns)"
        case "html", "htm", "xml":
            return "\(known); extract each article's text (e.g. with a readability tool) into a .txt file or a .jsonl record"
        case "gz":
            return "only .jsonl.gz and .csv.gz files are decompressed; name a gzipped file by what it holds"
        default:
            return "\(known); rename a plain-text article to .txt"
        }
    }
}
