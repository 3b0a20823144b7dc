import ArgumentParser
import Foundation
import Marginalia

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Browse the store in a web browser: overview, labels in context, documents, search.",
        discussion: """
            A local, read-only web app over the store (nothing is ever written to it, and \
            the pages load nothing from the network):

            /                the overview: labels by plugin version (log scale), labels \
            per month, documents by language and source
            /label?name=L    a label: every KWIC line (page=N, 100 a page) and its documents \
            (docs=N, 100 a page)
            /document?id=ID  a document: highlighted spans, legend, plugin filter, labels \
            with scores and features, provenance (plugin SHA-256, run)
            /search?q=…      full-text search (SQLite FTS5, built in memory in the \
            background once the server listens; on PostgreSQL a GIN index in the \
            database, created then) with label, plugin, from, to and language filters in \
            the URL; words, "phrases", prefix*, AND, OR, NOT and parentheses

            It listens on 127.0.0.1 only, unless --host says otherwise; --port 0 picks a \
            free port. The address is printed once the server listens; stop it with Ctrl-C.

            Examples:
              marginalia serve --store news.sqlite
              marginalia serve --port 0
              marginalia serve --store postgresql://me@db.lab:5432/news
              xdg-open 'http://127.0.0.1:8080/search?q=ceasefire&label=topic:defense'
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: ArgumentHelp("The port to listen on, or 0 for any free port.", valueName: "n"))
    var port: Int = 8080

    @Option(help: ArgumentHelp("The address to listen on.", valueName: "ip"))
    var host: String = "127.0.0.1"

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
    }

    func run() throws {
        let store = try storeOptions.openBrowsable(for: "serve")
        let router = SiteRouter(store: store)
        _ = try router.overview()   // read once now, so that the first visit is quick
        let server: SiteServer
        do { server = try SiteServer(router: router, host: host, port: UInt16(port)) } catch {
            throw CommandFailure("cannot listen on \(host):\(port): \(error)")
        }
        let finished = DispatchSemaphore(value: 0)
        let failure = FailureBox()
        Task {
            do { try await server.run() } catch { failure.error = error }
            finished.signal()
        }
        Task {
            guard let listening = try? await server.listeningPort() else { return }
            FileHandle.standardOutput.write(Data("serving \(storeOptions.store) at http://\(host):\(listening)/ (read-only; Ctrl-C to stop)\n".utf8))
            // The search index is built while the first pages are browsed.
            Thread.detachNewThread { try? router.index.prepare() }
        }
        finished.wait()
        if let error = failure.error { throw CommandFailure("the server stopped: \(error)") }
    }
}

/// The error the server task ended with, handed to the waiting command.
private final class FailureBox: @unchecked Sendable {
    var error: Error?
}
