// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Briefing",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "briefing", targets: ["briefing"]),
        .library(name: "BriefingKit", targets: ["BriefingKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.0.0"),
        // Already in the graph through Hummingbird; named so the server can run a ServiceGroup.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.5.0"),
    ],
    targets: [
        // The CommonMark reference library, from the system (Debian: libcmark-dev).
        .systemLibrary(
            name: "Ccmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        // The build pipeline: Load → Markdown → Link → Render → Write, plus Import.
        .target(
            name: "BriefingKit",
            dependencies: [
                "Ccmark",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.embedInCode("Theme")]
        ),
        // The dev server lives apart so the pipeline builds without an HTTP stack.
        .target(
            name: "BriefingServe",
            dependencies: [
                "BriefingKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "briefing",
            dependencies: [
                "BriefingKit",
                "BriefingServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: releaseAllocator
        ),
        // `make theme-programs`: the built-in templates' programs as Swift source (Render/ProgramSource.swift).
        .executableTarget(
            name: "BriefingThemePrograms",
            dependencies: ["BriefingKit"]
        ),
        // Serve's rebuilds without a server, for timing and callgrind (`make bench-rebuild`).
        .executableTarget(
            name: "BriefingRebuildBench",
            dependencies: ["BriefingKit"],
            path: "bench/RebuildBench",
            linkerSettings: releaseAllocator
        ),
        // libFuzzer target over the parsers; a stub unless `make fuzz` builds it (docs/hardening.md).
        .executableTarget(
            name: "BriefingFuzz",
            dependencies: ["BriefingKit"]
        ),
        .testTarget(
            name: "BriefingKitTests",
            dependencies: ["BriefingKit"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "BriefingServeTests",
            dependencies: ["BriefingServe", "BriefingKit"]
        ),
    ]
)

/// Release executables allocate with mimalloc (Debian: libmimalloc-dev), linked ahead of
/// glibc so that it serves every malloc: a build makes millions of small strings,
/// dictionaries and arrays, and glibc's allocator and its page faults were a tenth of
/// a full build (docs/performance-log.md, "Seventh session"). Debug builds (the tests, the
/// sanitizers, `make site`) keep glibc's, which the sanitizers replace with their own.
var releaseAllocator: [LinkerSetting] { [.linkedLibrary("mimalloc", .when(platforms: [.linux], configuration: .release))] }
