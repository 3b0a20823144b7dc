/// "1 document", "2 documents": a count with its noun in the right number.
///
/// ```swift
/// Plural.count(1, "document")          // "1 document"
/// Plural.count(3, "entry", "entries")  // "3 entries"
/// ```
enum Plural {
    static func count(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(count) " + (count == 1 ? singular : plural ?? singular + "s")
    }
}
