/// A file pattern of `include` / `exclude` (loancheck.yaml) and `--exclude`, matched against a path
/// relative to the pattern's base directory (the configuration file's directory, or the working
/// directory for `--exclude`).
///
/// - `*` matches any characters but `/`, `?` one character but `/`, `[abc]`, `[a-z]` and `[!abc]` one
///   character of (or not of) a set; `\` takes the next character as itself.
/// - `**` as a whole path component matches any number of directories (`**/*.yml`, `deploy/**`).
/// - A pattern without a `/` (`docker-compose.yml`, `*.schema.yaml`) matches a file or directory name
///   at any depth; a pattern with one (`deploy/*.yaml`, `/local.yaml`) matches from the base directory.
/// - A pattern that matches a directory matches everything below it; a trailing `/` (`charts/`)
///   matches directories only.
public struct Glob: Sendable, Hashable, CustomStringConvertible {
    /// The pattern as written.
    public let pattern: String
    private let components: [Component]
    /// The pattern has a `/`: it matches from the base directory, not a name at any depth.
    public let anchored: Bool
    private let directoryOnly: Bool

    /// Why a pattern cannot be used.
    public struct Problem: Error, Sendable, Hashable {
        public let message: String
        public let hint: String

        public init(message: String, hint: String) {
            self.message = message
            self.hint = hint
        }
    }

    public var description: String { pattern }

    public init(_ pattern: String) throws(Problem) {
        self.pattern = pattern
        var body = Substring(pattern)
        directoryOnly = body.hasSuffix("/") && body.count > 1
        while body.hasSuffix("/") && body.count > 1 { body.removeLast() }
        anchored = body.contains("/")
        while body.hasPrefix("/") { body.removeFirst() }
        guard !body.isEmpty else {
            throw Problem(message: "an empty pattern matches nothing", hint: "write a file name or a pattern such as 'deploy/**'")
        }
        var components: [Component] = []
        for part in body.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                throw Problem(message: "the pattern '\(pattern)' leaves its base directory ('..')",
                              hint: "patterns are relative to the directory of loancheck.yaml (for --exclude: the working directory)")
            }
            components.append(part == "**" ? .anyDirectories : .segment(try Self.tokens(part, of: pattern)))
        }
        self.components = components
    }

    /// Whether the pattern matches `path` (relative to the base, `/`-separated, normalised) or one of
    /// the directories it is in.
    public func matches(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map { Array($0.unicodeScalars) }
        guard !parts.isEmpty else { return false }
        // A match on a leading part of the path is a match on a directory that holds the file.
        let lastIndex = directoryOnly ? parts.count - 1 : parts.count
        guard lastIndex >= 1 else { return false }
        if !anchored, components.count == 1, case .segment(let tokens) = components[0] {
            return parts[..<lastIndex].contains { Self.match(tokens[...], $0[...]) }
        }
        for end in 1...lastIndex where Self.match(components[...], parts[..<end]) { return true }
        return false
    }

    private enum Component: Sendable, Hashable {
        case anyDirectories
        case segment([Token])
    }

    private enum Token: Sendable, Hashable {
        case literal(Unicode.Scalar)
        case anyRun
        case anyOne
        case set(ranges: [ClosedRange<Unicode.Scalar>], negated: Bool)
    }

    private static func match(_ pattern: ArraySlice<Component>, _ parts: ArraySlice<[Unicode.Scalar]>) -> Bool {
        guard let first = pattern.first else { return parts.isEmpty }
        switch first {
        case .anyDirectories:
            var rest = parts
            while true {
                if match(pattern.dropFirst(), rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        case .segment(let tokens):
            guard let part = parts.first, match(tokens[...], part[...]) else { return false }
            return match(pattern.dropFirst(), parts.dropFirst())
        }
    }

    private static func match(_ tokens: ArraySlice<Token>, _ name: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let token = tokens.first else { return name.isEmpty }
        switch token {
        case .anyRun:
            var rest = name
            while true {
                if match(tokens.dropFirst(), rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        case .anyOne:
            return !name.isEmpty && match(tokens.dropFirst(), name.dropFirst())
        case .literal(let scalar):
            return name.first == scalar && match(tokens.dropFirst(), name.dropFirst())
        case .set(let ranges, let negated):
            guard let scalar = name.first, ranges.contains(where: { $0.contains(scalar) }) != negated else { return false }
            return match(tokens.dropFirst(), name.dropFirst())
        }
    }

    private static func tokens(_ part: Substring, of pattern: String) throws(Problem) -> [Token] {
        var tokens: [Token] = []
        var scalars = part.unicodeScalars[...]
        while let scalar = scalars.popFirst() {
            switch scalar {
            case "*":
                if tokens.last != .anyRun { tokens.append(.anyRun) }
            case "?":
                tokens.append(.anyOne)
            case "\\":
                guard let next = scalars.popFirst() else {
                    throw Problem(message: "the pattern '\(pattern)' ends with a lone '\\'", hint: "write '\\\\' for a backslash")
                }
                tokens.append(.literal(next))
            case "[":
                var negated = false
                if scalars.first == "!" || scalars.first == "^" {
                    negated = true
                    scalars.removeFirst()
                }
                var ranges: [ClosedRange<Unicode.Scalar>] = []
                var closed = false
                var first = true
                while let member = scalars.popFirst() {
                    if member == "]" && !first {
                        closed = true
                        break
                    }
                    first = false
                    if scalars.count >= 2, scalars.first == "-", let upper = scalars.dropFirst().first, upper != "]" {
                        scalars.removeFirst(2)
                        guard member <= upper else {
                            throw Problem(message: "the range '\(member)-\(upper)' in '\(pattern)' is backwards",
                                          hint: "write the lower character first, e.g. [a-z]")
                        }
                        ranges.append(member...upper)
                    } else {
                        ranges.append(member...member)
                    }
                }
                guard closed else {
                    throw Problem(message: "the pattern '\(pattern)' has a '[' without its ']'",
                                  hint: "close the set, e.g. [abc], or write '\\[' for the character itself")
                }
                tokens.append(.set(ranges: ranges, negated: negated))
            default:
                tokens.append(.literal(scalar))
            }
        }
        return tokens
    }
}
