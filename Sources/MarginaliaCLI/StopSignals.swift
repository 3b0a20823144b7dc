import Dispatch
import Foundation

/// Turns SIGINT (Ctrl-C) and SIGTERM into a clean stop: the first one calls `onFirst`
/// (the batch finishes what is in flight and records the run as interrupted); a second
/// one exits at once with status 130, which is safe too, since every commit is whole.
///
/// ```swift
/// let stopper = StopSignals(onFirst: { pipeline.requestStop() })
/// defer { stopper.restore() }
/// ```
final class StopSignals: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []
    private let lock = NSLock()
    private var received = 0

    init(onFirst: @escaping @Sendable () -> Void) {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [self] in
                let count = lock.withLock { received += 1; return received }
                if count == 1 { onFirst() } else { exit(130) }
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Puts the default signal handling back.
    func restore() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
