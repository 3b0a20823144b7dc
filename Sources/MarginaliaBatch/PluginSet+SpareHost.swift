import Foundation
import Marginalia
import MarginaliaLua

extension PluginSet {
    /// The host that read a set's manifests, kept for its first ``PluginSet/makeHost(onLog:)``
    /// when it loaded exactly the set's plugins, in run order, with their defaults (a set
    /// without parameter overrides): a run with one worker then loads its plugins once, not
    /// twice, and a run whose documents are all done loads them once in all. The host runs the
    /// very files whose identity the set recorded. The probe is made on the thread that makes
    /// the set and handed over through a lock, so one thread at a time uses it.
    ///
    /// What the plugins logged while loading is kept (up to ``maxLogs`` messages, beyond
    /// which the host is not handed out: a fresh one logs them all) and passed to the taker's
    /// `onLog`, as a fresh host's loading would have written them.
    ///
    /// ```swift
    /// let spare = SpareHost()
    /// let probe = try PluginHost()
    /// spare.listen(to: probe)
    /// _ = try probe.load(path: "Plugins/defense/defense.lua")
    /// spare.keep(probe)
    /// spare.take()?.host   // the probe, once; nil afterwards
    /// ```
    final class SpareHost: @unchecked Sendable {
        /// Load-time messages kept at most; more and the host is not handed out.
        static let maxLogs = 1000
        private let lock = NSLock()
        private var host: PluginHost?
        private var logs: [(plugin: String, message: String)] = []
        private var overflowed = false
        /// The probe's own `onLog`, given back to it when it is taken.
        private var originalLog: ((String, String) -> Void)?

        init() {}

        /// Makes `probe` log into this spare (which it holds weakly: a spare no set holds
        /// any more frees its host).
        func listen(to probe: PluginHost) {
            originalLog = probe.onLog
            probe.onLog = { [weak self] plugin, message in self?.record(plugin: plugin, message: message) }
        }

        /// Keeps what a plugin logged while the probe loaded it.
        func record(plugin: String, message: String) {
            lock.withLock {
                if logs.count < Self.maxLogs { logs.append((plugin, message)) } else { overflowed = true }
            }
        }

        /// Keeps `host` (whose plugins loaded without error) for one taker.
        func keep(_ host: PluginHost) {
            lock.withLock { if !overflowed { self.host = host } }
        }

        /// The kept host with the messages its plugins logged while loading, once.
        func take() -> (host: PluginHost, logs: [(plugin: String, message: String)])? {
            lock.withLock {
                guard let host else { return nil }
                self.host = nil
                if let originalLog { host.onLog = originalLog }
                defer { logs = [] }
                return (host, logs)
            }
        }
    }

    /// The spare host when `probe` loaded exactly `descriptors` in their order and nothing
    /// overrides their parameters; nil otherwise (each host then loads the files itself).
    static func spare(_ spare: SpareHost, probe: PluginHost, descriptors: [PluginDescriptor],
                      params: [String: [String: JSONValue]]) -> SpareHost? {
        guard params.values.allSatisfy(\.isEmpty), probe.descriptors.map(\.path) == descriptors.map(\.path) else { return nil }
        spare.keep(probe)
        return spare
    }
}
