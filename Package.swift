// swift-tools-version: 6.0
import Foundation
import PackageDescription

let package = Package(
    name: "Marginalia",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "marginalia", targets: ["marginalia"]),
        .library(name: "Marginalia", targets: ["Marginalia"]),
        .library(name: "MarginaliaLua", targets: ["MarginaliaLua"]),
        .library(name: "MarginaliaBatch", targets: ["MarginaliaBatch"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        // `marginalia serve`: a small HTTP server on plain sockets (no SwiftNIO), see README.
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // The system Lua 5.4 C library (Debian: liblua5.4-dev).
        .systemLibrary(
            name: "CLua",
            pkgConfig: "lua5.4",
            providers: [.apt(["liblua5.4-dev"]), .brew(["lua"])]
        ),
        // The system zlib (Debian: zlib1g-dev), for streaming .jsonl.gz corpora.
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        // The PostgreSQL client library (Debian: libpq5), for the shared store: loaded with
        // dlopen at the first connection, so a SQLite run never maps it and its dependencies.
        .target(name: "CLibPQ", linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),
        // libcurl on first use for the static release build, whose `-lcurl` scripts/build-release.sh
        // turns off: FoundationNetworking's curl functions, opened with dlopen when first called.
        .target(name: "CLazyCurl", linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),
        // Lua's C macros as real functions, the sandbox allocator and hooks, and the
        // trampoline that raises Lua errors so that longjmp never crosses a Swift frame.
        .target(name: "CLuaShim", dependencies: ["CLua"]),
        // sqlite3_config (C varargs) for the store: SQLite's memory statistics off.
        .target(name: "CSQLiteShim", linkerSettings: [.linkedLibrary("sqlite3")]),
        // Pure Swift: documents, text, annotations, store, export. Knows nothing of Lua.
        .target(
            name: "Marginalia",
            dependencies: [
                "CZlib", "CSQLiteShim",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The PostgreSQL store (through libpq): the same tables and exports as the SQLite one.
        .target(name: "MarginaliaPostgreSQL", dependencies: ["Marginalia", "CLibPQ"]),
        // The only layer that sees C Lua: sandbox, bridge, plugins. The sandbox prelude is a
        // Lua file (luacheck lints it) compiled into the binary, so no resource bundle is needed.
        .target(
            name: "MarginaliaLua",
            dependencies: ["Marginalia", "CLuaShim", "CLua"],
            resources: [.embedInCode("Sandbox/prelude.lua")]
        ),
        // Corpus → workers → store; plugin sets, examples, lockfile, project file.
        .target(
            name: "MarginaliaBatch",
            dependencies: ["Marginalia", "MarginaliaLua", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        // What the CLI prints: tables (text, --csv, --json), query output, shell quoting, the
        // run summary naming commands to run next. The layers below return values.
        .target(name: "MarginaliaPresentation", dependencies: ["Marginalia", "MarginaliaBatch"]),
        .executableTarget(
            name: "marginalia",
            dependencies: [
                "Marginalia", "MarginaliaLua", "MarginaliaBatch", "MarginaliaPresentation", "MarginaliaPostgreSQL", "CLazyCurl",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ],
            path: "Sources/MarginaliaCLI"
        ),
        // `swift run -c release TextBench FILE`: the lexicon matcher alone (see Benchmarks/).
        .executableTarget(name: "TextBench", dependencies: ["Marginalia"], path: "Benchmarks/TextBench"),
        // Test targets mirror the layers; what several need (repository paths, temporary
        // folders, the one child-process runner, the news corpus) is in MarginaliaTestSupport.
        .target(
            name: "MarginaliaTestSupport",
            dependencies: ["Marginalia", "MarginaliaLua", "MarginaliaBatch", "MarginaliaPostgreSQL"],
            path: "Tests/Support"
        ),
        .testTarget(name: "MarginaliaTests", dependencies: ["Marginalia", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "MarginaliaLuaTests", dependencies: ["MarginaliaLua", "Marginalia", "CLuaShim", "CLua"]),
        .testTarget(
            name: "MarginaliaBatchTests",
            dependencies: ["Marginalia", "MarginaliaLua", "MarginaliaBatch", "MarginaliaTestSupport"]
        ),
        // The tables, summaries and shell quoting the CLI prints, from values made in the tests.
        .testTarget(name: "MarginaliaPresentationTests", dependencies: ["Marginalia", "MarginaliaBatch", "MarginaliaPresentation"]),
        // The `marginalia` executable run as a child process, as a researcher runs it.
        .testTarget(
            name: "CLITests",
            dependencies: [
                "Marginalia", "MarginaliaTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // The store's behaviour against every backend: SQLite, and PostgreSQL when
        // scripts/with-postgresql.sh started a server.
        .testTarget(
            name: "StoreBackendTests",
            dependencies: ["Marginalia", "MarginaliaBatch", "MarginaliaPostgreSQL", "MarginaliaTestSupport"]
        ),
        // How well the bundled plugins tag: seeds, hand-labelled news, their own examples.
        .testTarget(
            name: "PluginQualityTests",
            dependencies: ["Marginalia", "MarginaliaBatch", "MarginaliaTestSupport"]
        ),
    ]
)

// `scripts/fuzz.sh` sets MARGINALIA_FUZZ=1 and builds this one libFuzzer binary (with
// -sanitize=fuzzer,address); ordinary builds never see it. No main: libFuzzer brings its own.
if ProcessInfo.processInfo.environment["MARGINALIA_FUZZ"] == "1" {
    package.targets.append(.executableTarget(
        name: "marginalia-fuzz",
        dependencies: ["MarginaliaTestSupport"],
        path: "Fuzz/MarginaliaFuzz",
        swiftSettings: [.unsafeFlags(["-parse-as-library"])]
    ))
    package.products.append(.executable(name: "marginalia-fuzz", targets: ["marginalia-fuzz"]))
}
