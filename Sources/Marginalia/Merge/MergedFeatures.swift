/// The features a merged annotation keeps from the annotations it merges: a feature that
/// every contributor giving it gives with one value appears once with that value; one whose
/// values differ becomes an object from contributor (`name@version`) to its value (a list
/// when one contributor gave several). A feature named like one of the merge's own
/// (`plugins`, `scores`, `voters`) is kept as `input.NAME`.
///
/// ```swift
/// MergedFeatures.combine([("places@1.0", ["code": "IL"]), ("geo@2.0", ["code": "IL", "kind": "country"])],
///                        reserved: ["plugins"])
/// // ["code": "IL", "kind": "country"]
/// MergedFeatures.combine([("places@1.0", ["code": "IL"]), ("geo@2.0", ["code": "PS"])], reserved: [])
/// // ["code": {"geo@2.0": "PS", "places@1.0": "IL"}]
/// ```
public enum MergedFeatures {
    /// The combined features of `contributions` (contributor key, features object).
    public static func combine(_ contributions: [(plugin: String, features: [String: JSONValue])],
                               reserved: Set<String>) -> [String: JSONValue] {
        // feature → contributor → its distinct values, in a fixed order.
        var values: [String: [String: [JSONValue]]] = [:]
        for (plugin, features) in contributions {
            for (key, value) in features where !(values[key]?[plugin]?.contains(value) ?? false) {
                values[key, default: [:]][plugin, default: []].append(value)
            }
        }
        var out: [String: JSONValue] = [:]
        for (key, byPlugin) in values {
            let name = reserved.contains(key) ? "input." + key : key
            var distinct: [JSONValue] = []
            for plugin in byPlugin.keys.sorted() {
                for value in byPlugin[plugin]! where !distinct.contains(value) { distinct.append(value) }
            }
            if distinct.count == 1 {
                out[name] = distinct[0]
            } else {
                out[name] = .object(byPlugin.mapValues { list in
                    list.count == 1 ? list[0] : .array(list.sorted { $0.serialized() < $1.serialized() })
                })
            }
        }
        return out
    }
}
