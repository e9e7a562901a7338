// swift-tools-version:6.0
import PackageDescription

/// Settings applied to every Swift target, the same as the root package's.
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    // SE-0335: spell out `any` for existentials.
    .enableUpcomingFeature("ExistentialAny"),
    // SE-0444: a file sees only the modules it imports itself.
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// Peer servers for `run.sh`: the same pre-encoded payloads served by other Swift HTTP stacks.
/// A separate package so that the product `peacetalks` never depends on SwiftNIO or FlyingFox.
let package = Package(
    name: "PeaceTalksBenchmarks",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "HummingbirdPeer", targets: ["HummingbirdPeer"]),
        .executable(name: "FlyingFoxPeer", targets: ["FlyingFoxPeer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/swhitty/FlyingFox", exact: "0.27.1"),
        // Already in Hummingbird's graph; named here because the peer imports them itself.
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // Command line and payload files, shared by both peers; Foundation only.
        .target(name: "PeerSupport", swiftSettings: swiftSettings),
        .executableTarget(
            name: "HummingbirdPeer",
            dependencies: [
                "PeerSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "FlyingFoxPeer",
            dependencies: [
                "PeerSupport",
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
