// swift-tools-version: 6.1
import PackageDescription

// The only system library loancheck needs is libyaml. The `Mimalloc` trait (off by default:
// `swift build --traits Mimalloc`, apt `libmimalloc-dev`) links mimalloc as the allocator on Linux,
// which made large product audits faster when they allocated more (docs/performance.md).
let mimalloc: [LinkerSetting] = [.linkedLibrary("mimalloc", .when(platforms: [.linux], traits: ["Mimalloc"]))]

let package = Package(
    name: "loancheck",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "loancheck", targets: ["loancheck"]),
    ],
    traits: [
        .trait(name: "Mimalloc", description: "Link mimalloc (libmimalloc-dev) as the allocator on Linux."),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // libyaml from the system package manager (never vendored).
        .systemLibrary(
            name: "CYAML",
            path: "Sources/CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        // SHA-256 blocks with the x86 SHA extensions (C: Swift cannot reach these instructions); the
        // digests of gigabyte loan tapes took 5% of a ledger audit's CPU in portable Swift.
        .target(name: "CSHA256", path: "Sources/CSHA256"),
        // Source locations and compiler-style diagnostics shared by every stage.
        .target(name: "Diagnostics"),
        // Stage 1: YAML text -> positioned Node tree.
        .target(name: "YAML", dependencies: ["CYAML", "Diagnostics"]),
        // Stage 2: the rule language (values, lexer, parser, type checker, compiler).
        .target(name: "RuleLanguage", dependencies: ["Diagnostics"]),
        // Stage 3: typed documents, units, references, the APR calculator.
        .target(name: "LoanDomain", dependencies: ["Diagnostics", "YAML", "RuleLanguage"]),
        // Ledger stage 1: loan tapes — LedgerSchema documents, the CSV tokenizer, cells into fixed-point values.
        .target(name: "LedgerTape", dependencies: ["Diagnostics", "YAML", "RuleLanguage", "LoanDomain"]),
        // Ledger stage 2: checked Loan / LoanGroup rules lowered into a plan both engines run.
        .target(name: "LedgerPlan", dependencies: ["Diagnostics", "RuleLanguage", "LoanDomain", "LedgerTape"]),
        // Stage 4: rule packs, regimes and dates, evaluation, findings, waivers, baselines, pack tests.
        .target(name: "Compliance", dependencies: ["CSHA256", "Diagnostics", "YAML", "RuleLanguage", "LoanDomain", "LedgerPlan"]),
        // Ledger stage 3: the engine-independent side of a ledger audit (requests, outcomes, findings).
        .target(name: "LedgerAudit", dependencies: ["Diagnostics", "RuleLanguage", "LoanDomain", "LedgerTape", "LedgerPlan", "Compliance"]),
        // Ledger stage 4: the streaming engine (one pass over the CSV tables on all cores).
        .target(name: "LedgerStream", dependencies: ["Diagnostics", "RuleLanguage", "LoanDomain", "LedgerTape", "LedgerPlan", "Compliance", "LedgerAudit"]),
        // Ledger stage 4': the same plans printed as SQL for DuckDB, PostgreSQL, Spark and Trino, and the
        // drivers that run them through each engine's own client.
        .target(name: "LedgerSQL", dependencies: ["Diagnostics", "RuleLanguage", "LoanDomain", "LedgerTape", "LedgerPlan", "Compliance", "LedgerAudit"]),
        // Stage 5: one renderer per output format.
        .target(name: "Reporting", dependencies: ["Diagnostics", "RuleLanguage", "LoanDomain", "Compliance"]),
        // loancheck.yaml (DESIGN §9): reading and finding it, include/exclude patterns, the starter files of `init`.
        .target(name: "Configuration", dependencies: ["Diagnostics", "YAML"]),
        .executableTarget(
            name: "loancheck",
            dependencies: [
                "Diagnostics", "YAML", "RuleLanguage", "LoanDomain", "Compliance", "Reporting", "LedgerTape", "LedgerPlan",
                "LedgerAudit", "LedgerStream", "LedgerSQL", "Configuration",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: mimalloc,
            plugins: ["BuildInfoPlugin"]
        ),
        // The git commit a binary is built from (`loancheck --version`).
        .plugin(name: "BuildInfoPlugin", capability: .buildTool()),
        // Benchmarks (run with `swift run -c release NAME`; see docs/performance.md).
        .executableTarget(name: "RuleLanguageBenchmark", dependencies: ["RuleLanguage", "Diagnostics"],
                          path: "Benchmarks/RuleLanguageBenchmark"),
        .executableTarget(name: "AuditBenchmark",
                          dependencies: ["Diagnostics", "YAML", "RuleLanguage", "LoanDomain", "Compliance", "Reporting"],
                          path: "Benchmarks/AuditBenchmark", linkerSettings: mimalloc),
        .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"]),
        .testTarget(name: "YAMLTests", dependencies: ["YAML", "Diagnostics"]),
        .testTarget(name: "RuleLanguageTests", dependencies: ["RuleLanguage", "Diagnostics"]),
        .testTarget(name: "LoanDomainTests", dependencies: ["LoanDomain", "YAML", "RuleLanguage", "Diagnostics"]),
        .testTarget(name: "ConfigurationTests", dependencies: ["Configuration", "YAML", "Diagnostics"]),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting", "Compliance", "LoanDomain", "RuleLanguage", "Diagnostics"]),
        // Runs the built `loancheck` binary for the end-to-end and robustness tests.
        .target(name: "LoanCheckTestSupport", path: "Tests/LoanCheckTestSupport"),
        // Runs the built binary on fixture directories (exit codes, outputs).
        .testTarget(name: "EndToEndTests", dependencies: ["loancheck", "LoanCheckTestSupport"], exclude: ["Fixtures"]),
        // Fuzz-found regressions, hostile inputs and bad rule packs (docs/robustness.md); also runs the binary.
        .testTarget(name: "RobustnessTests", dependencies: ["loancheck", "LoanCheckTestSupport", "Compliance", "LoanDomain", "YAML", "RuleLanguage", "Diagnostics"], exclude: ["Regressions"]),
        .testTarget(name: "ComplianceTests", dependencies: ["Compliance", "LoanDomain", "YAML", "RuleLanguage", "Diagnostics"]),
        // The ledger stages: tape reading, rule lowering, the streaming engine.
        .testTarget(name: "LedgerTests", dependencies: ["LoanCheckTestSupport", "LedgerTape", "LedgerPlan", "LedgerAudit", "LedgerStream", "Compliance",
                                                         "LoanDomain", "YAML", "RuleLanguage", "Diagnostics"]),
        // The SQL back ends without an engine: the printer's helpers, result reading, manifests, compiled scripts.
        .testTarget(name: "LedgerSQLTests", dependencies: ["LoanCheckTestSupport", "LedgerSQL", "LedgerAudit", "LedgerPlan", "LedgerTape", "Compliance",
                                                           "LoanDomain", "RuleLanguage", "Diagnostics"]),
        // The benchmark's tape generator (deterministic bytes, consistent fundings and manifest).
        .testTarget(name: "BenchmarkTests", dependencies: ["AuditBenchmark"]),
    ],
    swiftLanguageModes: [.v6]
)
