import Foundation
import LoanCheckTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Reports are never lost or left half-written: a failed write to standard output or a file exits 2
/// with the system's reason, a closed pipe ends quietly with exit 2 (not a SIGPIPE kill), and file
/// outputs are replaced all or none, through temporary files (docs/report-formats.md, "Writing").
@Suite(.serialized, .timeLimit(.minutes(3)))
struct OutputFailureTests {
    typealias L = LoanCheckBinary

    private static let audit = ["audit", "Examples", "--as-of", "2026-11-22"]

    /// Runs loancheck with standard output on `standardOutput`; returns the status and standard error.
    private func run(_ arguments: [String], standardOutput: FileHandle, in directory: String? = nil) throws
        -> (status: Int32, crashed: Bool, stderr: String) {
        let scratch = try Scratch()
        let errPath = scratch.path + "/stderr"
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        defer { try? err.close() }
        let process = try L.start(arguments, in: directory, standardOutput: standardOutput, standardError: err)
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning, Date() < deadline { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return (process.terminationStatus, process.terminationReason == .uncaughtSignal,
                try String(contentsOfFile: errPath, encoding: .utf8))
    }

    private func devFull() throws -> FileHandle {
        try #require(FileHandle(forWritingAtPath: "/dev/full"))
    }

    // MARK: - Standard output

    @Test func aReportOnAFullDeviceExitsTwoWithTheReason() throws {
        let expected = """
            loancheck: error: cannot write to standard output: No space left on device
              hint: the device is full or over quota: free some space and run again (what was written to standard output is incomplete)

            """
        // --fail-on never is the CI set-up where the SARIF upload gates: it used to exit 0.
        let sarif = try run(Self.audit + ["--format", "sarif", "--fail-on", "never"], standardOutput: try devFull())
        #expect(sarif.status == 2)
        #expect(sarif.stderr == expected)
        let text = try run(Self.audit, standardOutput: try devFull())
        #expect(text.status == 2)
        #expect(text.stderr == expected)
    }

    @Test func everyCommandThatPrintsChecksItsWrites() throws {
        let commands: [[String]] = [
            ["rules"], ["rules", "--format", "json"], ["explain", "CN-RATE-APR-24"], ["apr", "Examples/products/hx-installment.yaml"],
            ["eval", "1 + 1"], ["schema"], ["schema", "--json-schema"], ["test"], ["validate", "Examples"], ["--version"], ["--help"],
            ["audit", "--help"],
        ]
        for arguments in commands {
            let result = try run(arguments, standardOutput: try devFull())
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr.hasPrefix("loancheck: error: cannot write to standard output: No space left on device\n"),
                    "\(arguments): \(result.stderr)")
        }
    }

    @Test func aClosedPipeEndsQuietlyWithExitTwo() throws {
        for arguments in [Self.audit, Self.audit + ["--format", "sarif", "--fail-on", "never"], ["rules"], ["schema", "--json-schema"]] {
            let pipe = Pipe()
            // The reader is gone before loancheck writes: the first write gets EPIPE (or SIGPIPE).
            try pipe.fileHandleForReading.close()
            let result = try run(arguments, standardOutput: pipe.fileHandleForWriting)
            #expect(!result.crashed, "\(arguments): killed by signal \(result.status)")
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr == "", "\(arguments)")
        }
    }

    // MARK: - Files: all or nothing

    @Test func aFailingOutputReplacesNoneAndLeavesNoTemporaryFile() throws {
        let scratch = try Scratch()
        try scratch.write("r.json", "OLD JSON\n")
        try scratch.write("b.json", "OLD BASELINE\n")
        try scratch.write("file", "a regular file\n")
        let failing: [(output: String, message: String)] = [
            ("nodir/r.sarif", "cannot write 'nodir/r.sarif': No such file or directory"),
            ("file/r.sarif", "cannot write 'file/r.sarif': Not a directory"),
            ("/dev/full", "cannot write '/dev/full': No space left on device"),
        ]
        for (output, message) in failing {
            let result = try scratch.run(["audit", RobustnessPaths.repository + "/Examples", "--as-of", "2026-11-22",
                                          "--format", "json", "--output", "r.json", "--write-baseline", "b.json",
                                          "--format", "sarif", "--output", output])
            #expect(result.status == 2, "\(output)")
            #expect(result.errorLines == ["loancheck: error: \(message)"], "\(output): \(result.stderr)")
            #expect(try String(contentsOfFile: scratch.path + "/r.json", encoding: .utf8) == "OLD JSON\n", "\(output)")
            #expect(try String(contentsOfFile: scratch.path + "/b.json", encoding: .utf8) == "OLD BASELINE\n", "\(output)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).sorted() == ["b.json", "file", "r.json"], "\(output)")
        }
        // A baseline that cannot be written keeps the reports too.
        let baseline = try scratch.run(["audit", RobustnessPaths.repository + "/Examples", "--as-of", "2026-11-22",
                                        "--format", "json", "--output", "r.json", "--write-baseline", "nodir/b.json"])
        #expect(baseline.status == 2)
        #expect(baseline.errorLines == ["loancheck: error: cannot write 'nodir/b.json': No such file or directory"])
        #expect(try String(contentsOfFile: scratch.path + "/r.json", encoding: .utf8) == "OLD JSON\n")
    }

    @Test func aSuccessfulRunReplacesEveryOutputKeepingItsPermissions() throws {
        let scratch = try Scratch()
        try scratch.write("r.json", "OLD\n")
        chmod(scratch.path + "/r.json", 0o600)
        try scratch.write("real/r.sarif", "OLD\n")
        try FileManager.default.createSymbolicLink(atPath: scratch.path + "/link.sarif", withDestinationPath: "real/r.sarif")
        let result = try scratch.run(["audit", RobustnessPaths.repository + "/Examples", "--as-of", "2026-11-22",
                                      "--format", "json", "--output", "r.json", "--format", "sarif", "--output", "link.sarif",
                                      "--write-baseline", "b.json"])
        #expect(result.status == 1, "\(result.summary)")
        #expect(try String(contentsOfFile: scratch.path + "/r.json", encoding: .utf8).hasPrefix("{"))
        let attributes = try FileManager.default.attributesOfItem(atPath: scratch.path + "/r.json")
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        // The link still points to the report, which was replaced.
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: scratch.path + "/link.sarif") == "real/r.sarif")
        let sarif = try Data(contentsOf: URL(fileURLWithPath: scratch.path + "/real/r.sarif"))
        #expect((try JSONSerialization.jsonObject(with: sarif) as? [String: Any])?["version"] as? String == "2.1.0")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).sorted() == ["b.json", "link.sarif", "r.json", "real"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path + "/real") == ["r.sarif"])
    }

    @Test func aKillWhileWritingLeavesTheOldReportAndARecognisableTemporary() throws {
        let scratch = try Scratch()
        try scratch.write("r.json", "OLD\n")
        #expect(mkfifo(scratch.path + "/fifo", 0o600) == 0)
        // A reader that never reads: loancheck blocks on the FIFO once 64 KB of SARIF fill it, after
        // the regular files were written to their temporaries.
        let reader = open(scratch.path + "/fifo", O_RDONLY | O_NONBLOCK)
        #expect(reader >= 0)
        defer { close(reader) }
        let process = try L.start(["audit", RobustnessPaths.repository + "/Examples", "--as-of", "2026-11-22",
                                   "--format", "json", "--output", "r.json", "--format", "sarif", "--output", "fifo"],
                                  in: scratch.path, standardOutput: FileHandle.nullDevice, standardError: FileHandle.nullDevice)
        var ready = pollfd(fd: reader, events: Int16(POLLIN), revents: 0)
        #expect(poll(&ready, 1, 60_000) == 1, "loancheck wrote nothing to the FIFO")
        // SIGKILL: a child of the test runner inherits its blocked signals, SIGTERM included.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(try String(contentsOfFile: scratch.path + "/r.json", encoding: .utf8) == "OLD\n")
        let temporary = ".r.json.loancheck-tmp-\(process.processIdentifier)"
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).sorted() == [temporary, "fifo", "r.json"])
        let staged = try Data(contentsOf: URL(fileURLWithPath: scratch.path + "/" + temporary))
        #expect((try JSONSerialization.jsonObject(with: staged) as? [String: Any])?["asOf"] as? String == "2026-11-22")
    }

    // MARK: - Devices and FIFOs

    @Test func aFIFOWithoutAReaderIsAnErrorNotAHang() throws {
        let scratch = try Scratch()
        #expect(mkfifo(scratch.path + "/fifo", 0o600) == 0)
        let result = try scratch.run(["audit", RobustnessPaths.repository + "/Examples", "--format", "json", "--output", "fifo"],
                                     timeout: 30)
        #expect(!result.timedOut)
        #expect(result.status == 2)
        #expect(result.stderr == """
            loancheck: error: cannot write 'fifo': No such device or address
              hint: no process is reading the FIFO 'fifo': start its reader first

            """)
    }

    @Test func aFIFOWithAReaderGetsTheWholeReport() throws {
        let scratch = try Scratch()
        #expect(mkfifo(scratch.path + "/fifo", 0o600) == 0)
        let reader = open(scratch.path + "/fifo", O_RDONLY | O_NONBLOCK)
        #expect(reader >= 0)
        defer { close(reader) }
        let process = try L.start(["audit", RobustnessPaths.repository + "/Examples", "--as-of", "2026-11-22", "--format", "sarif",
                                   "--output", "fifo"], in: scratch.path, standardOutput: FileHandle.nullDevice,
                                  standardError: FileHandle.nullDevice)
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            // Sampled before the read: if loancheck had ended and the read finds nothing, all was read.
            let finished = !process.isRunning
            let count = read(reader, &buffer, buffer.count)
            if count > 0 {
                received += buffer[..<count]
                continue
            }
            if finished { break }
            usleep(5_000)
        }
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        let sarif = try JSONSerialization.jsonObject(with: Data(received)) as? [String: Any]
        #expect(sarif?["version"] as? String == "2.1.0")
    }

    @Test func devStdoutIsStandardOutput() throws {
        let result = try L.run(Self.audit + ["--format", "json", "--output", "/dev/stdout"])
        #expect(result.status == 1)
        #expect((try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["asOf"] as? String == "2026-11-22")
    }
}
