import Foundation
import LoanCheckTestSupport
import Testing

/// The scripts `make test` and `make dist` install through: a user without root or sudo is told which
/// Debian packages to install, before anything runs, instead of a failure halfway through the tests.
/// Run with stand-in `id`, `dpkg`, `pkg-config` and `python3` on a PATH of their own, so the test needs
/// neither root nor a machine with packages missing.
@Suite struct InstallScriptsTests {
    /// Runs `script arguments` with only the stand-ins and the shell's basic tools on PATH; an `apt-get`
    /// stand-in records that it ran.
    static func run(_ script: String, _ arguments: [String], installed: Bool) throws -> (status: Int32, stderr: String, aptRan: Bool) {
        let directory = try LoanCheckBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let bin = directory + "/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        let standIns = [
            "id": "echo 1000",
            "dpkg": installed ? "echo 'Status: install ok installed'" : "exit 1",
            "pkg-config": "exit 0",
            "python3": installed ? "exit 0" : "exit 1",
            "apt-get": "touch \(directory)/apt-ran",
        ]
        for (name, body) in standIns {
            try "#!/bin/bash\n\(body)\n".write(toFile: bin + "/" + name, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin + "/" + name)
        }
        for tool in ["bash", "grep", "dirname", "cat", "env"] {
            try FileManager.default.createSymbolicLink(atPath: bin + "/" + tool, withDestinationPath: "/usr/bin/" + tool)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/bash")
        process.arguments = [LoanCheckBinary.repository + "/scripts/" + script] + arguments
        process.environment = ["PATH": bin, "HOME": directory]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self),
                FileManager.default.fileExists(atPath: directory + "/apt-ran"))
    }

    @Test func aUserWithoutRootOrSudoIsToldWhichPackagesToInstall() throws {
        let result = try Self.run("apt-install.sh", ["libxml2-utils", "chromium"], installed: false)
        #expect(result.status == 2)
        #expect(result.stderr == """
            loancheck: these Debian packages are needed and missing: libxml2-utils chromium
              hint: install them as root, then run the command again:
                apt-get install -y libxml2-utils chromium

            """)
        #expect(!result.aptRan)
    }

    @Test func theTestCommandsWholeListIsCheckedAtOnce() throws {
        let result = try Self.run("ensure-deps.sh", ["test"], installed: false)
        #expect(result.status == 2)
        // postgresql is looked for by its server binary, which this machine may have: not asserted.
        #expect(result.stderr.hasPrefix("loancheck: these Debian packages are needed and missing: libxml2-utils chromium python3-venv git "),
                "\(result.stderr)")
        #expect(result.stderr.contains(" openjdk-17-jre-headless\n"), "\(result.stderr)")
        #expect(!result.aptRan)
    }

    @Test func nothingMissingIsNothingToDo() throws {
        let result = try Self.run("apt-install.sh", ["libxml2-utils"], installed: true)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(!result.aptRan)
    }
}
