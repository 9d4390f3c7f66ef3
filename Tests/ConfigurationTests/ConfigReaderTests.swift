import Configuration
import Diagnostics
import Testing

@Suite struct ConfigReaderTests {
    private func read(_ text: String) throws -> LoanCheckConfig {
        try ConfigReader().read(text, file: "/repo/loancheck.yaml", displayName: "loancheck.yaml")
    }

    private func problems(_ text: String) -> [String] {
        do {
            _ = try read(text)
            return []
        } catch let error as DiagnosticList {
            return error.diagnostics.map { "\($0.description) | \($0.hints.joined(separator: "; "))" }
        } catch {
            return ["\(error)"]
        }
    }

    @Test func everySettingIsReadWithItsPlace() throws {
        let config = try read("""
            include: ["products/**", institutions]
            exclude: [docker-compose.yml, "deploy/**"]
            rules:
              disable: [CN-OML-CAPITAL]
              only: [cn-bank-internet-loans, CN-RATE-APR-24]
            packs: [compliance/house-rules, /opt/rules]
            fail_on: warning
            lang: zh
            source_root: ..
            baseline: .loancheck-baseline.json
            organisation: 示例金融科技有限公司
            sign_off:
              prepared_by: 合规部 张三
              approved_by: 风险管理委员会

            """)
        #expect(config.include.map(\.value.pattern) == ["products/**", "institutions"])
        #expect(config.exclude.map(\.value.pattern) == ["docker-compose.yml", "deploy/**"])
        #expect(config.exclude[1].location == SourceLocation(file: "loancheck.yaml", line: 2, column: 31))
        #expect(config.disabledRules.map(\.value) == ["CN-OML-CAPITAL"])
        #expect(config.disabledRules[0].location == SourceLocation(file: "loancheck.yaml", line: 4, column: 13))
        #expect(config.onlyRules?.map(\.value) == ["cn-bank-internet-loans", "CN-RATE-APR-24"])
        #expect(config.packs.map(\.value) == ["/repo/compliance/house-rules", "/opt/rules"])
        #expect(config.failOn?.value == "warning")
        #expect(config.language?.value == "zh")
        #expect(config.sourceRoot?.value == "/")
        #expect(config.baseline?.value == "/repo/.loancheck-baseline.json")
        #expect(config.organisation == "示例金融科技有限公司")
        #expect(config.signOff == LoanCheckConfig.SignOff(preparedBy: "合规部 张三", approvedBy: "风险管理委员会"))
        #expect(config.directory == "/repo")
    }

    @Test func anEmptyFileSetsNothing() throws {
        let config = try read("# nothing yet\n")
        #expect(config.include.isEmpty && config.exclude.isEmpty && config.onlyRules == nil && config.failOn == nil)
        #expect(config.signOff == LoanCheckConfig.SignOff())
    }

    @Test func unknownKeysAreErrorsAtTheirPlace() {
        #expect(problems("exlude: [docker-compose.yml]\nfail_on: error\n") == [
            "loancheck.yaml:1:1: error: unknown key 'exlude' in loancheck.yaml | did you mean 'exclude'?",
        ])
        #expect(problems("rules:\n  disabled: [X]\nsign_off:\n  approver: risk\n") == [
            "loancheck.yaml:2:3: error: unknown key 'disabled' in rules | did you mean 'disable'?",
            "loancheck.yaml:4:3: error: unknown key 'approver' in sign_off | keys: prepared_by, approved_by",
        ])
        #expect(problems("colour: always\n") == [
            "loancheck.yaml:1:1: error: unknown key 'colour' in loancheck.yaml | keys: include, exclude, rules, packs, fail_on, lang, source_root, baseline, organisation, sign_off",
        ])
    }

    @Test func wrongTypesAndValuesAreErrors() {
        #expect(problems("exclude: docker-compose.yml\n") == [
            "loancheck.yaml:1:10: error: exclude must be a list, found a scalar | write a list, e.g. `exclude: [docker-compose.yml]`",
        ])
        #expect(problems("fail_on: errors\nlang: cn\n") == [
            "loancheck.yaml:1:10: error: fail_on must be error, warning, info or never, not 'errors' | did you mean 'error'?",
            "loancheck.yaml:2:7: error: lang must be zh or en, not 'cn' | did you mean 'en'?",
        ])
        #expect(problems("rules: [CN-OML-CAPITAL]\n") == [
            "loancheck.yaml:1:8: error: rules must be a mapping, found a sequence | write the keys of rules indented below it",
        ])
        #expect(problems("baseline:\nexclude: [\"\", \"[a\"]\n") == [
            "loancheck.yaml:1:10: error: baseline must be a text, found nothing | write a value after `baseline:`, or remove the key",
            "loancheck.yaml:2:11: error: an entry of exclude must be a text, found nothing | write a text in each entry, or remove the empty one",
            "loancheck.yaml:2:15: error: the pattern '[a' has a '[' without its ']' | close the set, e.g. [abc], or write '\\[' for the character itself",
        ])
        #expect(problems("- exclude\n") == [
            "loancheck.yaml:1:1: error: the configuration must be a mapping, found a sequence | write `key: value` lines, e.g. `exclude: [docker-compose.yml]`",
        ])
    }

    @Test func yamlErrorsAndSecondDocumentsAreErrors() {
        #expect(problems("exclude: [a]\nexclude: [b]\n").first?.hasPrefix("loancheck.yaml:2:1: error: duplicate key 'exclude'") == true)
        #expect(problems("fail_on: error\n---\nlang: zh\n") == [
            "loancheck.yaml:3:1: error: loancheck.yaml holds 2 documents; it must hold one | remove the `---` lines: the configuration is one mapping",
        ])
    }
}
