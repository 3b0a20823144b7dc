extension CodePointIndex {
    /// The byte offset of every code-point offset 0...codePointCount (the last is the
    /// text's byte length): the inverse map, for formats that give code points.
    ///
    /// ```swift
    /// CodePointIndex("Hà").byteOffsetsOfCodePoints()   // [0, 1, 3]
    /// ```
    public func byteOffsetsOfCodePoints() -> [Int] {
        var offsets: [Int] = []
        offsets.reserveCapacity(codePointCount + 1)
        withUTF8 { bytes in
            for (offset, byte) in bytes.enumerated() where byte & 0xC0 != 0x80 { offsets.append(offset) }
        }
        offsets.append(byteCount)
        return offsets
    }
}
