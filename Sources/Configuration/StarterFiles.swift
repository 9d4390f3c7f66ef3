/// The files `loancheck init` writes: a commented `loancheck.yaml` and the CI set-ups of
/// docs/ci.md, which quotes them (a test keeps the two the same).
public enum StarterFiles {
    /// Where the GitHub Actions workflow goes, relative to the repository root.
    public static let githubPath = ".github/workflows/loancheck.yml"
    /// Where the GitLab CI job goes.
    public static let gitlabPath = ".gitlab-ci.yml"

    /// The starter configuration; `excluded` are the YAML files of the repository that are not
    /// loancheck documents (relative to its root), listed under `exclude`.
    public static func configuration(excluding excluded: [String]) -> String {
        let list = excluded.isEmpty ? "exclude: []\n" : "exclude:\n" + excluded.map { "  - \(quoted($0))\n" }.joined()
        return """
            # loancheck configuration (docs/configuration.md). loancheck reads it from the working directory
            # or the nearest directory above it, up to the root of the git work tree; command-line flags
            # override it (--config FILE reads another file, --no-config none).

            # YAML files that are not loancheck documents. A file left out that holds a loancheck document
            # (`kind: LoanProduct`, …) is an error, never skipped; hidden files and directories (.github/,
            # .gitlab-ci.yml) are never read. Patterns are relative to this file's directory.

            """ + list + """
            # include: ["products/**", "institutions/**", "waivers/**"]

            # Rules switched off (recorded in every report), or kept alone (rule or pack ids):
            # rules:
            #   disable: [CN-OML-CAPITAL]
            #   only: [cn-bank-internet-lending-2020, CN-RATE-APR-24]
            # Extra rules directories, like --rules:
            # packs: [compliance/house-rules]

            fail_on: error
            # lang: zh
            # Report paths are relative to it (default: the root of the git work tree):
            # source_root: .
            # baseline: .loancheck-baseline.json

            # Named on the reports:
            # organisation: 示例金融科技有限公司
            # sign_off:
            #   prepared_by: 合规部
            #   approved_by: 风险管理委员会

            """
    }

    /// The GitHub Actions workflow: the audit on every push and pull request, findings as annotations
    /// and in code scanning (SARIF).
    public static let githubWorkflow = """
        name: loancheck
        on: [pull_request, push]
        permissions:
          contents: read
          security-events: write        # for the SARIF upload
        jobs:
          audit:
            runs-on: ubuntu-latest
            container: swift:6.3
            steps:
              - uses: actions/checkout@v4
              - uses: actions/checkout@v4
                with: {repository: your-org/loancheck, path: .loancheck}
              - run: apt-get update && apt-get install -y libyaml-dev pkg-config
              - run: make -C .loancheck release && echo "$PWD/.loancheck/.build/release" >> "$GITHUB_PATH"
              - name: loancheck audit
                run: loancheck audit --format sarif --output loancheck.sarif --format github
              - uses: github/codeql-action/upload-sarif@v3
                if: always()
                with: {sarif_file: loancheck.sarif, category: loancheck}

        """

    /// The GitLab CI job: the audit with a JUnit test report.
    public static let gitlabJob = """
        loancheck:
          image: swift:6.3
          before_script:
            - apt-get update && apt-get install -y libyaml-dev pkg-config git
            - git clone --depth 1 https://github.com/your-org/loancheck.git .loancheck
            - make -C .loancheck release
            - export PATH="$PWD/.loancheck/.build/release:$PATH"
          script:
            - loancheck audit --format junit --output loancheck.xml --format text
          artifacts:
            when: always
            reports:
              junit: loancheck.xml

        """

    /// A path as a YAML scalar: quoted when plain style would read it as something else.
    static func quoted(_ file: String) -> String {
        // A file name's own `*`, `?`, `[` and `\` are taken as themselves, not as a pattern.
        var path = ""
        for scalar in file.unicodeScalars {
            if "*?[\\".unicodeScalars.contains(scalar) { path += "\\" }
            path.unicodeScalars.append(scalar)
        }
        let plain = path.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil || "-_./".unicodeScalars.contains($0) }
            && !path.hasPrefix("-")
        return plain ? path : "'" + path.replacing("'", with: "''") + "'"
    }
}
