import Configuration
import Testing

@Suite struct GlobTests {
    private func matches(_ pattern: String, _ path: String) throws -> Bool {
        try Glob(pattern).matches(path)
    }

    @Test func aNameWithoutSlashMatchesAtAnyDepth() throws {
        #expect(try matches("docker-compose.yml", "docker-compose.yml"))
        #expect(try matches("docker-compose.yml", "deploy/docker-compose.yml"))
        #expect(try !matches("docker-compose.yml", "deploy/docker-compose.yml.bak"))
        #expect(try matches("*.schema.yaml", "editor/loancheck.schema.yaml"))
        #expect(try !matches("*.yml", "products/a.yaml"))
    }

    @Test func aPatternWithSlashIsAnchoredAtItsBase() throws {
        #expect(try matches("deploy/*.yaml", "deploy/app.yaml"))
        #expect(try !matches("deploy/*.yaml", "sub/deploy/app.yaml"))
        #expect(try !matches("deploy/*.yaml", "deploy/k8s/app.yaml"))
        #expect(try matches("/local.yaml", "local.yaml"))
        #expect(try !matches("/local.yaml", "sub/local.yaml"))
    }

    @Test func doubleStarMatchesAnyNumberOfDirectories() throws {
        #expect(try matches("deploy/**", "deploy/k8s/app.yaml"))
        #expect(try matches("**/*.yml", "a.yml"))
        #expect(try matches("**/*.yml", "a/b/c.yml"))
        #expect(try matches("products/**/*.yaml", "products/a.yaml"))
        #expect(try matches("products/**/*.yaml", "products/x/y/a.yaml"))
        #expect(try !matches("products/**/*.yaml", "institutions/a.yaml"))
    }

    @Test func aDirectoryMatchCoversEverythingBelow() throws {
        #expect(try matches("deploy", "deploy/k8s/app.yaml"))
        #expect(try matches("charts/", "charts/x/values.yaml"))
        // A trailing slash matches directories only, never the file itself.
        #expect(try !matches("values.yaml/", "values.yaml"))
        #expect(try matches("k8s", "infra/k8s/app.yaml"))
    }

    @Test func setsEscapesAndSingleCharacters() throws {
        #expect(try matches("p[0-9].yaml", "p7.yaml"))
        #expect(try !matches("p[!0-9].yaml", "p7.yaml"))
        #expect(try matches("p?.yaml", "pa.yaml"))
        #expect(try !matches("p?.yaml", "p/a.yaml"))
        #expect(try matches("\\*.yaml", "*.yaml"))
        #expect(try !matches("\\*.yaml", "a.yaml"))
        #expect(try matches("产品/*.yaml", "产品/消费贷.yaml"))
    }

    @Test func badPatternsAreErrorsWithHints() {
        #expect(throws: Glob.Problem(message: "an empty pattern matches nothing",
                                     hint: "write a file name or a pattern such as 'deploy/**'")) { try Glob("") }
        #expect(throws: Glob.Problem(message: "the pattern '[ab' has a '[' without its ']'",
                                     hint: "close the set, e.g. [abc], or write '\\[' for the character itself")) { try Glob("[ab") }
        #expect(throws: Glob.Problem(message: "the pattern '../x.yaml' leaves its base directory ('..')",
                                     hint: "patterns are relative to the directory of loancheck.yaml (for --exclude: the working directory)")) {
            try Glob("../x.yaml")
        }
        #expect(throws: Glob.Problem(message: "the range 'z-a' in '[z-a].yaml' is backwards",
                                     hint: "write the lower character first, e.g. [a-z]")) { try Glob("[z-a].yaml") }
    }
}
