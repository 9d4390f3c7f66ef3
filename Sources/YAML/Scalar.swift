/// How a scalar was written in the file.
public enum ScalarStyle: Sendable, Hashable {
    /// `value`
    case plain
    /// `'value'`
    case singleQuoted
    /// `"value"`
    case doubleQuoted
    /// `|` block
    case literal
    /// `>` block
    case folded
}

/// A scalar exactly as YAML's quoting and folding rules give it, without implicit typing.
///
/// The reader never guesses types: `NO`, `0.30`, `1e3`, `2024-01-01` and `~` all stay text, so the
/// schema stage decides what a value means (and can keep `0.30` exact instead of a binary float).
public struct Scalar: Sendable, Hashable {
    /// The value after YAML's quoting, escaping and folding rules.
    public let text: String
    public let style: ScalarStyle
    /// The explicit tag, if any. Tags under the standard `tag:yaml.org,2002:` prefix are shown in
    /// their short form (`!!str`); other tags as libyaml resolved them (`!local`, `tag:example.com:x`).
    public let tag: String?

    public init(text: String, style: ScalarStyle = .plain, tag: String? = nil) {
        self.text = text
        self.style = style
        self.tag = tag
    }
}
