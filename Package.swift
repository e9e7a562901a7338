// swift-tools-version:6.0
import PackageDescription

/// Settings applied to every Swift target: Swift 6 language mode and the upcoming features we rely on.
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    // SE-0335: spell out `any` for existentials.
    .enableUpcomingFeature("ExistentialAny"),
    // SE-0444: a file sees only the modules it imports itself.
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "PeaceTalks",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "peacetalks", targets: ["peacetalks"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // epoll, eventfd and accept4, which Glibc does not export to Swift.
        .target(name: "CSystem"),
        .target(
            name: "HTTPServer",
            dependencies: ["CSystem", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings + [
                // The loop-confined classes' stored properties cost ~20 dynamic exclusivity checks per request
                // (~2k instructions). Debug builds, and so the tests, keep the checks.
                .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))
            ]
        ),
        .target(name: "PeaceTalksModel", swiftSettings: swiftSettings),
        .target(name: "PeaceTalksStore", dependencies: ["PeaceTalksModel"], swiftSettings: swiftSettings),
        // A durable append-only record log with group commit; knows nothing of the domain.
        .target(name: "Journal", dependencies: ["CSystem"], swiftSettings: swiftSettings),
        // The store made durable: changes as journal records, replay, snapshots, export and import.
        .target(
            name: "PeaceTalksPersistence",
            dependencies: ["PeaceTalksStore", "PeaceTalksModel", "Journal", "CSystem"],
            swiftSettings: swiftSettings
        ),
        // HTML pages to articles: charset decoding, main-text and metadata extraction. Pure, no I/O.
        .target(name: "ArticleExtraction", swiftSettings: swiftSettings),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(name: "Fetch", dependencies: ["CCurl"], swiftSettings: swiftSettings),
        .target(
            name: "PeaceTalksAPI",
            dependencies: [
                "HTTPServer", "PeaceTalksModel", "PeaceTalksStore", "Fetch", "ArticleExtraction",
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "peacetalks",
            dependencies: [
                "PeaceTalksAPI", "HTTPServer", "PeaceTalksStore", "PeaceTalksModel", "PeaceTalksPersistence", "Fetch",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(name: "TestSupport", swiftSettings: swiftSettings),
        // Benchmarks/search/run.sh: PeaceTalks' search index vs SQLite FTS5 (needs `package` access to the store).
        .executableTarget(name: "search-bench", dependencies: ["PeaceTalksStore", "PeaceTalksModel"], swiftSettings: swiftSettings),

        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "JournalTests", dependencies: ["Journal", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "PeaceTalksPersistenceTests",
            dependencies: ["PeaceTalksPersistence", "PeaceTalksStore", "PeaceTalksModel", "Journal", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "ArticleExtractionTests", dependencies: ["ArticleExtraction"], swiftSettings: swiftSettings),
        .testTarget(name: "PeaceTalksModelTests", dependencies: ["PeaceTalksModel"], swiftSettings: swiftSettings),
        .testTarget(
            name: "PeaceTalksStoreTests",
            dependencies: ["PeaceTalksStore", "PeaceTalksModel", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "FetchTests", dependencies: ["Fetch", "HTTPServer", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "peacetalksTests", dependencies: ["peacetalks", "TestSupport", .product(name: "Logging", package: "swift-log")], swiftSettings: swiftSettings),
        .testTarget(
            name: "PeaceTalksAPITests",
            dependencies: ["PeaceTalksAPI", "HTTPServer", "PeaceTalksStore", "PeaceTalksModel", "TestSupport"],
            swiftSettings: swiftSettings
        ),
    ]
)
