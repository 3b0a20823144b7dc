import Marginalia

/// About how many bytes what a host function keeps or pushes takes, for the memory budget:
/// estimates from the layouts of the values (and of Lua's tables), erring on the large side.
/// They need not be exact; they make a plugin that emits millions of annotations, or asks
/// for the tokens of a huge document, meet the same limit as one that fills a Lua table.
///
/// ```swift
/// HostFootprint.annotation(label: "x.y", labelIsShared: true, features: .object([:]))   // 228: the value alone
/// ```
enum HostFootprint {
    /// One annotation the host keeps: the value in its array (which grows by doubling, so
    /// up to twice its stride), its label unless it is the plugin's declared one (shared),
    /// and its features.
    /// Features from a `marginalia.features` handle are shared (charged with the handle).
    static func annotation(label: String, labelIsShared: Bool, features: JSONValue, featuresAreShared: Bool = false) -> Int {
        annotationSlot + (labelIsShared ? 0 : heapBytes(of: label)) + (featuresAreShared ? 0 : heapBytes(of: features))
    }

    /// A `marginalia.features` handle before its value: its slot, and the userdata.
    static let featureHandle = 64

    /// An annotation's place in the host's array, before label and features: its stride,
    /// and half as much again for the array's growth by doubling.
    static let annotationSlot = MemoryLayout<Annotation>.stride * 3 / 2

    /// An annotation of `lex:annotate`: its features `{ term = … }` (the term's bytes are the
    /// lexicon's, shared).
    static let lexiconAnnotation = annotationSlot + heapBytes(of: .object(["term": .null]))

    /// Heap bytes of a string (short ones live inside the value).
    static func heapBytes(of string: String) -> Int {
        let count = string.utf8.count
        return count <= 15 ? 0 : 32 + count
    }

    /// Heap bytes of a JSON value (its strings, arrays and dictionaries).
    static func heapBytes(of value: JSONValue) -> Int {
        switch value {
        case .null, .bool, .integer, .number: return 0
        case .string(let string): return heapBytes(of: string)
        case .array(let items):
            return items.isEmpty ? 0 : 32 + items.count * MemoryLayout<JSONValue>.stride + items.reduce(0) { $0 + heapBytes(of: $1) }
        case .object(let fields):
            guard !fields.isEmpty else { return 0 }
            let slots = fields.count * 2 * (MemoryLayout<String>.stride + MemoryLayout<JSONValue>.stride)
            return dictionaryHeader + slots + fields.reduce(0) { $0 + heapBytes(of: $1.key) + heapBytes(of: $1.value) }
        }
    }

    /// With two slots per field, what a Swift dictionary of one and of two fields took in a
    /// measurement (160 and 240 bytes beside the annotation, of 1,000,000 such).
    private static let dictionaryHeader = 80

    /// One Lua table of a few fields (`{ start =, stop =, term = }`) in a result list: the
    /// table, its hash part and its slot in the list.
    static let luaRecordTable = 56 + 4 * 32 + 16

    /// One value of a flat Lua list (`doc:each`'s rows): its slot, and room for a short
    /// string it may hold.
    static let luaListValue = 16 + 32

    /// A span the host caches for a document (tokens, sentences).
    static let textSpan = MemoryLayout<TextSpan>.stride

    /// A lexicon match the host caches for a document.
    static let lexiconMatch = MemoryLayout<LexiconMatch>.stride
}
