extension PluginHost {
    /// Plugin and library names: lower-case letters, digits and '_', starting with a letter.
    ///
    /// ```swift
    /// PluginHost.isValidName("un_votes")   // true
    /// PluginHost.isValidName("Topic")      // false
    /// ```
    public static func isValidName(_ name: String) -> Bool {
        name.first.map { $0.isASCII && $0.isLowercase } == true
            && name.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }
    }
}
