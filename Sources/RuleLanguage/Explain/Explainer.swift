import Diagnostics

/// Builds the evidence of a boolean result: for each comparison that decided it, the actual value with
/// its path and document location, and the bound it missed.
///
/// Explanations run only after a fast evaluation gave the unwanted answer, with `Frame.tracing` on so that
/// lambda parameters know which list element (`product.funding[1]`) they stand for.
enum Explainer {
    /// Why `node` is not `wanted`: its own explanation, or a generic line when it has none.
    static func explain(_ node: Node, _ frame: Frame, wanted: Bool) -> [Evidence] {
        if let explain = node.explain {
            let evidence = explain(frame, wanted)
            if !evidence.isEmpty { return evidence }
        }
        return [generic(node, frame, wanted: wanted)]
    }

    /// `lender.online_only is false` (required `true`).
    static func generic(_ node: Node, _ frame: Frame, wanted: Bool) -> Evidence {
        let actual = (try? node.evaluate(frame))?.displayText ?? "unknown"
        let origin = node.origin?(frame)
        let label = origin?.path ?? node.label
        return Evidence(
            path: origin?.path ?? frame.element?.path, actual: actual, required: wanted ? "true" : "false",
            text: "\(label) is \(actual)", location: origin?.location ?? frame.element?.location,
            ruleLocation: node.location)
    }

    /// `a op b` that was not `wanted`. The side read from the document is the actual value; a literal is
    /// the bound (`20万 >= product.credit_line.max` reads `product.credit_line.max = … > ¥200,000`).
    static func comparison(_ op: BinaryOperator, _ left: Node, _ right: Node, location: SourceLocation) -> ExplainThunk {
        { frame, wanted in
            guard let leftValue = try? left.evaluate(frame), let rightValue = try? right.evaluate(frame) else { return [] }
            var required = wanted ? op : op.negated
            var actual = (node: left, value: leftValue, origin: left.origin?(frame))
            var bound = (node: right, value: rightValue)
            let isMembership = op == .in || op == .notIn
            if isMembership, left.constant != nil, let listOrigin = right.origin?(frame) {
                // `CN-GD in product.regions`: the document value is the list.
                let listText = rightValue.displayText
                let member = leftValue.displayText
                let (needed, found) = required == .in ? ("contains", "does not contain") : ("does not contain", "contains")
                return [Evidence(
                    path: listOrigin.path, actual: listText, required: "\(needed) \(member)",
                    text: "\(listOrigin.path) = \(listText) \(found) \(member)",
                    location: listOrigin.location, ruleLocation: location)]
            }
            if !isMembership, actual.origin == nil, left.constant != nil, right.constant == nil {
                actual = (right, rightValue, right.origin?(frame))
                bound = (left, leftValue)
                required = required.mirrored
            }
            let actualText = actual.value.displayText
            let boundText = bound.value.displayText
            let boundSource = bound.node.constant == nil ? source(of: bound.node, shown: boundText) : ""
            let label = actual.origin?.path ?? actual.node.label
            let text = required == .notEqual
                ? "\(label) = \(actualText), required \(required.mathSymbol) \(boundText)\(boundSource)"
                : "\(label) = \(actualText) \(required.negated.mathSymbol) \(boundText)\(boundSource)"
            return [Evidence(
                path: actual.origin?.path ?? frame.element?.path, actual: actualText,
                required: "\(required.mathSymbol) \(boundText)", text: text,
                location: actual.origin?.location ?? frame.element?.location, ruleLocation: location)]
        }
    }

    /// ` (param.min_partner_share)`: where a bound that is not a literal came from.
    private static func source(of node: Node, shown: String) -> String {
        if node.label == shown { return "" }
        if node.label.hasPrefix("("), node.label.hasSuffix(")") { return " " + node.label }
        return " (\(node.label))"
    }

    /// `a subset b` that was false: one line per element of `a` missing from `b`.
    static func subset(_ left: Node, _ right: Node, location: SourceLocation) -> ExplainThunk {
        { frame, wanted in
            guard wanted, case .list(let list)? = try? left.evaluate(frame), let superset = try? right.evaluate(frame),
                  let missing = try? ValueComparison.missingFromSuperset(.list(list), superset) else { return [] }
            let origins = left.originsOfElements(frame, list)
            let boundText = superset.displayText
            let boundSource = right.constant == nil ? source(of: right, shown: boundText) : ""
            return missing.map { index in
                let origin = origins[index]
                let actual = list.elements[index].displayText
                let label = origin?.path ?? "\(left.label)[\(index)]"
                return Evidence(
                    path: origin?.path ?? frame.element?.path, actual: actual, required: "∈ \(boundText)",
                    text: "\(label) = \(actual) ∉ \(boundText)\(boundSource)",
                    location: origin?.location ?? frame.element?.location, ruleLocation: location)
            }
        }
    }

    /// `all`/`any` over `list` with `body` in `slot`: evidence for each element that decided the result.
    static func quantifier(
        isAll: Bool, list: Node, slot: Int, body: Node, label: String, location: SourceLocation
    ) -> ExplainThunk {
        { frame, wanted in
            guard case .list(let elements)? = try? list.evaluate(frame) else { return [] }
            // The elements whose condition is not `wanted` decide the result: for a false `all`, every
            // failing element; for a false `any`, every element (or the list being empty).
            if !isAll, wanted, elements.elements.isEmpty {
                let origin = list.origin?(frame)
                let name = origin?.path ?? list.label
                return [Evidence(
                    path: origin?.path, actual: "no elements", required: "at least one element matching",
                    text: "\(name) is empty; \(label) needs at least one match", location: origin?.location,
                    ruleLocation: location)]
            }
            let origins = list.originsOfElements(frame, elements)
            let savedElement = frame.element
            let savedValue = frame.locals[slot]
            let savedOrigin = frame.localOrigins[slot]
            defer {
                frame.element = savedElement
                frame.locals[slot] = savedValue
                frame.localOrigins[slot] = savedOrigin
            }
            var evidence: [Evidence] = []
            for (index, element) in elements.elements.enumerated() {
                frame.locals[slot] = element
                frame.localOrigins[slot] = origins[index]
                frame.element = origins[index] ?? savedElement
                guard case .boolean(let value)? = try? body.evaluate(frame), value != wanted else { continue }
                evidence += explain(body, frame, wanted: wanted)
            }
            return evidence
        }
    }

    /// `has(base.name)`: absent (or present when it should not be).
    static func has(base: Node, name: String, location: SourceLocation) -> ExplainThunk {
        { frame, wanted in
            let origin = base.origin?(frame)
            let record: Record? = if case .record(let record)? = try? base.evaluate(frame) { record } else { nil }
            let path = (origin?.path ?? base.label) + "." + name
            let fieldLocation = record?.location(of: name) ?? record?.location ?? origin?.location ?? frame.element?.location
            if wanted {
                return [Evidence(path: path, actual: "absent", required: "present", text: "\(path) is absent",
                                 location: fieldLocation, ruleLocation: location)]
            }
            let actual = record?[name]?.displayText ?? "present"
            return [Evidence(path: path, actual: actual, required: "absent", text: "\(path) is present (\(actual))",
                             location: fieldLocation, ruleLocation: location)]
        }
    }
}
