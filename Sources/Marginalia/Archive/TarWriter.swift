/// Writes a POSIX ustar archive whose bytes depend only on the files' paths and contents:
/// entries sorted by path, every timestamp 0, owner and group 0 with no names, files mode
/// 0644 and folders 0755. The same files give the same archive on every machine.
///
/// ```swift
/// var tar = TarWriter()
/// tar.add(path: "ports/ports.lua", contents: Array("return {}".utf8))
/// let bytes = tar.finish()          // entries sorted, then two zero blocks
/// ```
public struct TarWriter {
    private var files: [String: [UInt8]] = [:]

    public init() {}

    /// Adds a regular file; `path` is relative, with `/` separators. A second file at the
    /// same path replaces the first.
    public mutating func add(path: String, contents: [UInt8]) { files[path] = contents }

    /// The archive: each folder once (before its files), each file, in byte order of path.
    public func finish() -> [UInt8] {
        var folders = Set<String>()
        for path in files.keys {
            var parts = path.split(separator: "/").dropLast()
            while !parts.isEmpty {
                folders.insert(parts.joined(separator: "/") + "/")
                parts = parts.dropLast()
            }
        }
        var entries = folders.map { ($0, [UInt8]?.none) } + files.map { ($0.key, Optional($0.value)) }
        entries.sort { Array($0.0.utf8).lexicographicallyPrecedes(Array($1.0.utf8)) }
        var out: [UInt8] = []
        for (path, contents) in entries {
            out += Self.header(path: path, size: contents?.count ?? 0, isFolder: contents == nil)
            if let contents {
                out += contents
                out += [UInt8](repeating: 0, count: (512 - contents.count % 512) % 512)
            }
        }
        out += [UInt8](repeating: 0, count: 1024)
        return out
    }

    /// One 512-byte ustar header. Paths longer than 100 bytes are split into prefix and name.
    static func header(path: String, size: Int, isFolder: Bool) -> [UInt8] {
        var block = [UInt8](repeating: 0, count: 512)
        let bytes = Array(path.utf8)
        var name = bytes, prefix: [UInt8] = []
        if bytes.count > 100, let cut = bytes.indices.last(where: { bytes[$0] == UInt8(ascii: "/") && $0 <= 155 && bytes.count - $0 - 1 <= 100 }) {
            prefix = Array(bytes[..<cut])
            name = Array(bytes[(cut + 1)...])
        }
        func put(_ field: [UInt8], at offset: Int, width: Int) {
            for (index, byte) in field.prefix(width).enumerated() { block[offset + index] = byte }
        }
        func octal(_ value: Int, width: Int) -> [UInt8] {
            let digits = String(value, radix: 8)
            return Array((String(repeating: "0", count: max(0, width - 1 - digits.count)) + digits).utf8) + [0]
        }
        put(name, at: 0, width: 100)
        put(octal(isFolder ? 0o755 : 0o644, width: 8), at: 100, width: 8)
        put(octal(0, width: 8), at: 108, width: 8)          // uid
        put(octal(0, width: 8), at: 116, width: 8)          // gid
        put(octal(size, width: 12), at: 124, width: 12)
        put(octal(0, width: 12), at: 136, width: 12)        // mtime
        put(Array(repeating: UInt8(ascii: " "), count: 8), at: 148, width: 8)
        block[156] = isFolder ? UInt8(ascii: "5") : UInt8(ascii: "0")
        put(Array("ustar".utf8) + [0], at: 257, width: 6)
        put(Array("00".utf8), at: 263, width: 2)
        put(prefix, at: 345, width: 155)
        let checksum = block.reduce(0) { $0 + Int($1) }
        put(Array((String(repeating: "0", count: 6 - String(checksum, radix: 8).count) + String(checksum, radix: 8)).utf8) + [0, UInt8(ascii: " ")], at: 148, width: 8)
        return block
    }
}
