import Foundation

/// The files of a plugin or library folder, and copying them: regular files and folders
/// only, leaving out hidden names (`.git`, `.DS_Store`); a symbolic link is an error, so
/// that an installed plugin never points outside its folder.
///
/// ```swift
/// let files = try FileTree.files(in: "Plugins/ports")       // ["README.md", "ports.lua", …]
/// try FileTree.replace("Plugins/ports", with: "/tmp/staged/ports")
/// ```
enum FileTree {
    /// Relative paths of the regular files below `folder`, sorted.
    static func files(in folder: String) throws(FileTreeError) -> [String] {
        let manager = FileManager.default
        var found: [String] = []
        func walk(_ relative: String) throws(FileTreeError) {
            let absolute = relative.isEmpty ? folder : (folder as NSString).appendingPathComponent(relative)
            let names: [String]
            do { names = try manager.contentsOfDirectory(atPath: absolute) } catch {
                throw FileTreeError(path: absolute, message: "cannot list the folder")
            }
            for name in names.sorted() where !name.hasPrefix(".") {
                let child = relative.isEmpty ? name : relative + "/" + name
                let path = (folder as NSString).appendingPathComponent(child)
                let type = (try? manager.attributesOfItem(atPath: path)[.type] as? FileAttributeType) ?? nil
                switch type {
                case .typeDirectory?: try walk(child)
                case .typeRegular?: found.append(child)
                case .typeSymbolicLink?: throw FileTreeError(path: path, message: "is a symbolic link; plugins hold plain files only")
                default: throw FileTreeError(path: path, message: "is not a plain file or folder")
                }
            }
        }
        try walk("")
        return found
    }

    /// Copies `relativePaths` from `source` to `target`, creating folders.
    static func copy(_ relativePaths: [String], from source: String, to target: String) throws(FileTreeError) {
        let manager = FileManager.default
        for relative in relativePaths {
            let from = (source as NSString).appendingPathComponent(relative)
            let to = (target as NSString).appendingPathComponent(relative)
            do {
                try manager.createDirectory(atPath: (to as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                if manager.fileExists(atPath: to) { try manager.removeItem(atPath: to) }
                try manager.copyItem(atPath: from, toPath: to)
            } catch {
                throw FileTreeError(path: to, message: "cannot copy \(from): \(error.localizedDescription)")
            }
        }
    }

    /// Makes `target` hold exactly the files of `source` (a fresh copy, written beside it and
    /// then moved into place).
    static func replace(_ target: String, with source: String) throws(FileTreeError) {
        try replace(target, withFiles: files(in: source), from: source)
    }

    /// Makes `target` hold exactly `relativePaths` of `source`.
    static func replace(_ target: String, withFiles relativePaths: [String], from source: String) throws(FileTreeError) {
        let manager = FileManager.default
        let parent = (target as NSString).deletingLastPathComponent
        let fresh = (parent.isEmpty ? "." : parent as NSString).appendingPathComponent(".installing-\(UUID().uuidString)")
        do { try manager.createDirectory(atPath: fresh, withIntermediateDirectories: true) } catch {
            throw FileTreeError(path: fresh, message: "cannot create the folder: \(error.localizedDescription)")
        }
        do throws(FileTreeError) {
            try copy(relativePaths, from: source, to: fresh)
            if manager.fileExists(atPath: target) { try remove(target) }
            do { try manager.moveItem(atPath: fresh, toPath: target) } catch {
                throw FileTreeError(path: target, message: "cannot move the new files into place: \(error.localizedDescription)")
            }
        } catch {
            try? manager.removeItem(atPath: fresh)
            throw error
        }
    }

    /// Removes a file or folder.
    static func remove(_ path: String) throws(FileTreeError) {
        do { try FileManager.default.removeItem(atPath: path) } catch {
            throw FileTreeError(path: path, message: "cannot remove: \(error.localizedDescription)")
        }
    }

    /// True when both folders hold the same files with the same bytes.
    static func sameContents(_ a: String, _ b: String) -> Bool {
        guard let left = try? files(in: a), let right = try? files(in: b), left == right else { return false }
        return left.allSatisfy { relative in
            FileManager.default.contentsEqual(atPath: (a as NSString).appendingPathComponent(relative),
                                              andPath: (b as NSString).appendingPathComponent(relative))
        }
    }
}

/// A file or folder that cannot be read, copied or removed.
struct FileTreeError: Error, Sendable, CustomStringConvertible {
    var path: String
    var message: String
    var description: String { "\(path): \(message)" }
}
