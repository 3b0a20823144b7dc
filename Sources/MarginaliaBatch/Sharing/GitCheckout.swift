import Foundation

/// A git repository cloned with the system `git` into a scratch folder, checked out at one
/// commit (detached, so tags, branches and commits all work the same way).
///
/// ```swift
/// let checkout = try GitCheckout(cloning: "file:///srv/ports.git", into: scratch)
/// let commit = try checkout.checkOut(ref: "v1.0.0")     // the full commit id
/// let newest = try checkout.newestVersionTag()          // "v1.1.0"
/// ```
struct GitCheckout {
    let url: String
    let folder: String

    /// Clones `url` into `folder` (which must not exist yet).
    init(cloning url: String, into folder: String) throws(PluginSourceError) {
        self.url = url
        self.folder = folder
        do {
            _ = try SystemTool.run("git", ["clone", "--quiet", "--no-checkout", "--", url, folder])
        } catch {
            throw PluginSourceError(source: url, message: "cannot clone the repository: \(error)")
        }
    }

    /// The commit `ref` names — a tag, a branch (of the remote), or a commit — or the
    /// default branch's newest commit when `ref` is nil.
    func commit(of ref: String?) throws(PluginSourceError) -> String {
        let candidates = ref.map { ["\($0)^{commit}", "origin/\($0)^{commit}"] } ?? ["HEAD^{commit}", "origin/HEAD^{commit}"]
        for candidate in candidates {
            if let id = try? git(["rev-parse", "--verify", "--quiet", candidate]), !id.isEmpty { return id }
        }
        throw PluginSourceError(source: url, message: ref.map { "no tag, branch or commit '\($0)' in the repository" + tagHint() }
                                    ?? "the repository has no commits")
    }

    /// Checks out `commit` (detached) and returns it.
    @discardableResult
    func checkOut(commit: String) throws(PluginSourceError) -> String {
        do {
            _ = try git(["checkout", "--quiet", "--detach", commit])
        } catch {
            throw PluginSourceError(source: url, message: "cannot check out \(commit): \(error)")
        }
        return commit
    }

    /// Checks out what `ref` names (see `commit(of:)`) and returns the commit.
    func checkOut(ref: String?) throws(PluginSourceError) -> String { try checkOut(commit: commit(of: ref)) }

    /// What `ref` is: a tag, a branch of the remote, or else (a commit id).
    enum RefKind { case tag, branch, commit, defaultBranch }

    func kind(of ref: String?) -> RefKind {
        guard let ref else { return .defaultBranch }
        if (try? git(["rev-parse", "--verify", "--quiet", "refs/tags/\(ref)"])) != nil { return .tag }
        if (try? git(["rev-parse", "--verify", "--quiet", "refs/remotes/origin/\(ref)"])) != nil { return .branch }
        return .commit
    }

    /// The highest tag that reads as a version (`v1.2.0`, `1.2`, …), or nil.
    func newestVersionTag() throws(PluginSourceError) -> String? {
        let tags = (try? git(["tag", "--list"]))?.split(separator: "\n").map(String.init) ?? []
        return tags.compactMap { tag in VersionNumber(tag).map { (tag, $0) } }.max { $0.1 < $1.1 }?.0
    }

    private func tagHint() -> String {
        let tags = ((try? git(["tag", "--list"])) ?? "").split(separator: "\n").suffix(8)
        return tags.isEmpty ? "" : " (tags: \(tags.joined(separator: ", ")))"
    }

    private func git(_ arguments: [String]) throws(SystemToolError) -> String {
        try SystemTool.run("git", ["-C", folder] + arguments).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// A dotted version number read from a tag, compared part by part: `v1.10.0` > `v1.9.2`.
///
/// ```swift
/// VersionNumber("v1.10.0")! > VersionNumber("1.9.2")!   // true
/// ```
struct VersionNumber: Comparable {
    var parts: [Int]

    init?(_ text: String) {
        let digits = text.hasPrefix("v") || text.hasPrefix("V") ? text.dropFirst() : Substring(text)
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else { return nil }
        self.parts = parts.compactMap { $0 }
    }

    static func < (a: VersionNumber, b: VersionNumber) -> Bool {
        for index in 0..<max(a.parts.count, b.parts.count) {
            let left = index < a.parts.count ? a.parts[index] : 0, right = index < b.parts.count ? b.parts[index] : 0
            if left != right { return left < right }
        }
        return false
    }
}
