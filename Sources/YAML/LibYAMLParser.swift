internal import CYAML

/// A libyaml mark as libyaml counts it: 0-based, `index` and `column` in characters (not bytes),
/// lines broken by LF, CR, CRLF and also NEL, LS and PS (YAML 1.1). A leading BOM is not counted.
struct RawMark: Sendable, Hashable {
    var index: Int
    var line: Int
    var column: Int
}

/// One libyaml event, copied into Swift values so no C memory outlives `yaml_event_delete`.
struct Event {
    enum Kind {
        case streamStart
        case streamEnd
        case documentStart
        case documentEnd
        case alias(anchor: String)
        case scalar(Scalar, anchor: String?)
        case sequenceStart(tag: String?, anchor: String?, flow: Bool)
        case sequenceEnd
        case mappingStart(tag: String?, anchor: String?, flow: Bool)
        case mappingEnd
    }

    let kind: Kind
    let start: RawMark
    let end: RawMark
}

/// What libyaml reported when `yaml_parser_parse` failed.
struct LibYAMLFailure: Error {
    enum Stage { case memory, reader, scanner, parser, other }

    let stage: Stage
    let problem: String
    /// Reader errors: the byte offset of the problem in the input (libyaml sets no mark for them).
    let problemOffset: Int
    /// Reader errors: the offending byte or code point.
    let problemValue: Int
    let problemMark: RawMark
    let context: String?
    let contextMark: RawMark
}

/// Owns a libyaml parser over a UTF-8 buffer and hands out its events one at a time.
///
/// Non-copyable so `yaml_parser_delete` runs exactly once. The buffer must stay valid for the
/// parser's lifetime (libyaml reads it in place).
struct LibYAMLParser: ~Copyable {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    /// A byte to point at when the input is empty (libyaml wants a non-null pointer).
    private let emptyInput: UnsafeMutablePointer<UInt8>

    /// Nil only when libyaml cannot allocate its buffers.
    init?(bytes: UnsafeBufferPointer<UInt8>) {
        parser = .allocate(capacity: 1)
        emptyInput = .allocate(capacity: 1)
        emptyInput.initialize(to: 0)
        guard yaml_parser_initialize(parser) != 0 else {
            parser.deallocate()
            emptyInput.deallocate()
            return nil
        }
        let base = bytes.baseAddress ?? UnsafePointer(emptyInput)
        yaml_parser_set_input_string(parser, base, bytes.count)
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
        emptyInput.deallocate()
    }

    /// The next event, or libyaml's error. After an error or `streamEnd` do not call it again.
    mutating func next() -> Result<Event, LibYAMLFailure> {
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) != 0 else { return .failure(failure()) }
        defer { yaml_event_delete(&event) }
        return .success(Self.convert(&event))
    }

    private func failure() -> LibYAMLFailure {
        let state = parser.pointee
        let stage: LibYAMLFailure.Stage =
            switch state.error {
            case YAML_MEMORY_ERROR: .memory
            case YAML_READER_ERROR: .reader
            case YAML_SCANNER_ERROR: .scanner
            case YAML_PARSER_ERROR: .parser
            default: .other
            }
        return LibYAMLFailure(
            stage: stage,
            problem: state.problem.map { String(cString: $0) } ?? "unknown YAML error",
            problemOffset: state.problem_offset,
            problemValue: Int(state.problem_value),
            problemMark: Self.raw(state.problem_mark),
            context: state.context.map { String(cString: $0) },
            contextMark: Self.raw(state.context_mark)
        )
    }

    private static func convert(_ event: inout yaml_event_t) -> Event {
        let start = raw(event.start_mark)
        let end = raw(event.end_mark)
        let kind: Event.Kind
        switch event.type {
        case YAML_STREAM_START_EVENT:
            kind = .streamStart
        case YAML_DOCUMENT_START_EVENT:
            kind = .documentStart
        case YAML_DOCUMENT_END_EVENT:
            kind = .documentEnd
        case YAML_ALIAS_EVENT:
            kind = .alias(anchor: string(event.data.alias.anchor) ?? "")
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let text =
                data.value.map {
                    String(decoding: UnsafeBufferPointer(start: $0, count: data.length), as: UTF8.self)
                } ?? ""
            let scalar = Scalar(text: text, style: style(data.style), tag: tag(data.tag))
            kind = .scalar(scalar, anchor: string(data.anchor))
        case YAML_SEQUENCE_START_EVENT:
            let data = event.data.sequence_start
            kind = .sequenceStart(
                tag: tag(data.tag), anchor: string(data.anchor), flow: data.style == YAML_FLOW_SEQUENCE_STYLE
            )
        case YAML_SEQUENCE_END_EVENT:
            kind = .sequenceEnd
        case YAML_MAPPING_START_EVENT:
            let data = event.data.mapping_start
            kind = .mappingStart(
                tag: tag(data.tag), anchor: string(data.anchor), flow: data.style == YAML_FLOW_MAPPING_STYLE
            )
        case YAML_MAPPING_END_EVENT:
            kind = .mappingEnd
        default:
            // YAML_STREAM_END_EVENT; YAML_NO_EVENT is never returned on success.
            kind = .streamEnd
        }
        return Event(kind: kind, start: start, end: end)
    }

    private static func raw(_ mark: yaml_mark_t) -> RawMark {
        RawMark(index: mark.index, line: mark.line, column: mark.column)
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    /// `tag:yaml.org,2002:str` → `!!str`: the form users write and recognise in messages.
    private static func tag(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let tag = string(pointer) else { return nil }
        let standard = "tag:yaml.org,2002:"
        if tag.hasPrefix(standard) { return "!!" + tag.dropFirst(standard.count) }
        return tag
    }

    private static func style(_ style: yaml_scalar_style_t) -> ScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }
}
