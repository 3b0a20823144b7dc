// swift-tools-version: 6.0
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
    ],
    targets: [
        // The system Lua 5.4 C library (Debian: liblua5.4-dev).
        .systemLibrary(
            name: "CLua",
            pkgConfig: "lua5.4",
            providers: [.apt(["liblua5.4-dev"]), .brew(["lua"])]
        ),
        // Lua's C macros as real functions, the sandbox allocator and hooks, and the
        // trampoline that raises Lua errors so that longjmp never crosses a Swift frame.
        .target(name: "CLuaShim", dependencies: ["CLua"]),
        // Pure Swift: documents, text, annotations, store, export. Knows nothing of Lua.
        .target(
            name: "Marginalia",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The only layer that sees C Lua: sandbox, bridge, plugins.
        .target(name: "MarginaliaLua", dependencies: ["Marginalia", "CLuaShim", "CLua"]),
        // Corpus → workers → store; plugin sets, examples, lockfile, project file.
        .target(
            name: "MarginaliaBatch",
            dependencies: ["Marginalia", "MarginaliaLua", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        .executableTarget(
            name: "marginalia",
            dependencies: [
                "Marginalia", "MarginaliaLua", "MarginaliaBatch",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "MarginaliaTests", dependencies: ["Marginalia"]),
        .testTarget(name: "MarginaliaLuaTests", dependencies: ["MarginaliaLua", "Marginalia"]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["Marginalia", "MarginaliaLua", "MarginaliaBatch"]
        ),
    ]
)
