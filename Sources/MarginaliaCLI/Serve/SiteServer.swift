import FlyingFox
import FlyingSocks
import Foundation

/// The HTTP side of `marginalia serve`: FlyingFox on one address, every request handed to
/// the `SiteRouter` and answered with its page as `text/html; charset=utf-8`.
///
/// ```swift
/// let server = try SiteServer(router: router, host: "127.0.0.1", port: 8080)
/// try await server.run()
/// ```
struct SiteServer {
    let server: HTTPServer

    init(router: SiteRouter, host: String, port: UInt16) throws {
        let address: sockaddr_in = try .inet(ip4: host, port: port)
        server = HTTPServer(address: address, logger: DisabledLogger.disabled, handler: RouterHandler(router: router))
    }

    func run() async throws { try await server.run() }

    /// The port the server listens on once it is listening (the chosen one for port 0).
    func listeningPort() async throws -> UInt16? {
        try await server.waitUntilListening()
        if case .ip4(_, let port)? = await server.listeningAddress { return port }
        return nil
    }
}

private struct RouterHandler: HTTPHandler {
    let router: SiteRouter

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        let response = router.respond(method: request.method.rawValue, path: request.path,
                                      query: SiteRouter.queryItems(request.target.query(percentEncoded: true)))
        var headers: HTTPHeaders = [:]
        headers[.contentType] = "text/html; charset=utf-8"
        headers[HTTPHeader("Content-Security-Policy")] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'"
        return HTTPResponse(statusCode: HTTPStatusCode(response.status, phrase: Self.phrase(response.status)),
                            headers: headers, body: Data(response.html.utf8))
    }

    static func phrase(_ status: Int) -> String {
        [200: "OK", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed"][status] ?? "Internal Server Error"
    }
}
