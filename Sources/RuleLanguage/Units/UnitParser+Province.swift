import Diagnostics

extension UnitParser {
    /// A province: `CN-GD`, `GD`, `广东`, `广东省`, `广西壮族自治区`, `Guangdong` (codes and English names
    /// in any letter case). Misspellings get a "did you mean" hint.
    public static func province(_ text: String) throws(UnitError) -> Province {
        let trimmed = text.trimmingSpaces
        let offset = leadingSpaceCount(text)
        if trimmed.isEmpty { throw UnitError("expected a province", hint: "write its code, e.g. CN-GD", offset: 0) }
        if trimmed.lowercased() == UnitGrammar.allProvinces {
            throw UnitError("'all' stands for every mainland province and is only accepted as a whole region list",
                            hint: "write regions: [all], or list the provinces", offset: offset)
        }
        if let index = ProvinceTable.lookup[trimmed.lowercased()] { return Province(index: index) }
        let hint = Suggestions.closest(to: trimmed, in: ProvinceTable.suggestionCandidates)
            .flatMap { candidate in ProvinceTable.lookup[candidate.lowercased()].map { (candidate, Province(index: $0)) } }
            .map { candidate, province in
                candidate == province.code ? "did you mean '\(province.code)' (\(province.chineseName))?"
                    : "did you mean '\(candidate)' (\(province.code))?"
            }
        throw UnitError("unknown province '\(trimmed)'",
                        hint: hint ?? "write an ISO 3166-2:CN code such as CN-GD, or a name such as 广东",
                        offset: offset)
    }

    /// A region list entry: `all` is the 31 mainland provinces, anything else one province.
    public static func provinces(_ text: String) throws(UnitError) -> [Province] {
        if text.trimmingSpaces.lowercased() == UnitGrammar.allProvinces { return Province.mainland }
        return [try province(text)]
    }

    private static func leadingSpaceCount(_ text: String) -> Int {
        text.unicodeScalars.prefix { $0.properties.isWhitespace }.count
    }
}
