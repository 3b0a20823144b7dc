import Foundation

/// What kind of hand annotations `--gold` names: a label table or brat span files.
enum GoldFormat {
    case table, brat

    /// A folder or an `.ann` file is brat; `.tsv` (or `.tab`, `.txt`) a label table.
    init(path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CommandFailure("\(path): no such file or folder")
        }
        if isDirectory.boolValue || path.hasSuffix(".ann") {
            self = .brat
        } else if [".tsv", ".tab", ".txt"].contains(where: path.hasSuffix) {
            self = .table
        } else {
            throw CommandFailure("\(path): unknown gold format; give a .tsv label table, a brat .ann file or a folder of .ann files")
        }
    }
}
