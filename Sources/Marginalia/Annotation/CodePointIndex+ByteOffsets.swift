extension CodePointIndex {
    /// The byte offset of every code-point offset 0...codePointCount (the last is the
    /// text's byte length): the inverse map, for formats that give code points.
    ///
    /// ```swift
    /// CodePointIndex("Hà").byteOffsetsOfCodePoints()   // [0, 1, 3]
    /// ```
    public func byteOffsetsOfCodePoints() -> [Int] {
        var offsets: [Int] = []
        offsets.reserveCapacity(utf8.count + 1)
        for (offset, byte) in utf8.enumerated() where byte & 0xC0 != 0x80 { offsets.append(offset) }
        offsets.append(utf8.count)
        return offsets
    }
}
