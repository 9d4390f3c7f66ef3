/// Where a value sits in its document (`pricing.fees[0].rate`), for messages only.
///
/// Decoding passes one to every field but almost never prints it, so the text is assembled only when a
/// diagnostic asks for it: the parent's text is rendered once per record or list, each child adds its
/// key or index on demand. (Building `"\(path).\(key)"` for every field of every document was a
/// noticeable part of loading.)
struct FieldPath: CustomStringConvertible {
    private let parent: String
    private let step: Step

    private enum Step {
        /// The path is `parent` itself.
        case none
        case key(String)
        case index(Int)
    }

    /// The document itself.
    static let root = FieldPath(parent: "", step: .none)

    private init(parent: String, step: Step) {
        self.parent = parent
        self.step = step
    }

    /// The path of field `key` of the record at this path.
    func appending(key: String) -> FieldPath {
        FieldPath(parent: description, step: .key(key))
    }

    /// The path of element `index` of the list at this path.
    func appending(index: Int) -> FieldPath {
        FieldPath(parent: description, step: .index(index))
    }

    /// This path with its text assembled once, for a record or list whose children all extend it.
    func rendered() -> FieldPath {
        if case .none = step { return self }
        return FieldPath(parent: description, step: .none)
    }

    /// Whether this is the document itself.
    var isRoot: Bool {
        if case .none = step { parent.isEmpty } else { false }
    }

    var description: String {
        switch step {
        case .none: parent
        case .key(let key): parent.isEmpty ? key : parent + "." + key
        case .index(let index): parent + "[" + String(index) + "]"
        }
    }
}
