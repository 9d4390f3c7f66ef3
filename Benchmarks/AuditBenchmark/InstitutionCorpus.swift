import FoundationEssentials

/// Writes N institutions linked by `affiliates` in one of the shapes that once made affiliate groups
/// quadratic to cubic: one chain through all of them, one star around a hub, or no links at all. Every
/// 1,000th institution is a national bank with joint-lending balances with 20 others, so partner groups
/// are summed over the big groups too.
///
/// Deterministic; ids are zero-padded so that file order, id order and chain order agree.
struct InstitutionCorpus {
    enum Shape: String, CaseIterable {
        /// Each institution lists the next one (written last first): one group of N.
        case chain
        /// Every institution lists the hub: one group of N.
        case star
        /// No links: N groups of one.
        case none
    }

    let count: Int
    let shape: Shape
    /// One file per institution (in 100 directories), or everything in one multi-document file.
    let singleFile: Bool

    func id(_ index: Int) -> String {
        "inst-" + String(index + 1_000_000).dropFirst()
    }

    /// The text of institution `index`.
    func institution(_ index: Int) -> String {
        var text = "kind: Institution\nid: \(id(index))\nname: 机构\(index)\nregistered_in: CN-GD\n"
        if index % 1_000 == 0 {
            text += "type: national-bank\ncapital: {registered: 300亿, paid_in: 300亿}\n"
            text += "financials: {as_of: 2025-12-31, tier1_capital_net: 400亿, total_loans: 4000亿}\n"
            let partners = (1...20).map { (index + $0 * 37) % count }.filter { $0 != index }
            if !partners.isEmpty {
                text += "joint_lending:\n" + Set(partners).sorted().map { "  - {partner: \(id($0)), balance: 1亿}\n" }.joined()
            }
        } else {
            text += "type: platform\n"
        }
        switch shape {
        case .chain where index + 1 < count: text += "affiliates: [\(id(index + 1))]\n"
        case .star where index > 0: text += "affiliates: [\(id(0))]\n"
        default: break
        }
        return text
    }

    /// Writes the corpus under `directory`; returns the number of files written.
    func write(to directory: String) throws -> Int {
        let fileManager = FileManager.default
        // Last first, as the chain of the defect report was written.
        let order = shape == .chain ? Array((0..<count).reversed()) : Array(0..<count)
        if singleFile {
            try fileManager.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let text = order.map(institution).joined(separator: "---\n")
            guard fileManager.createFile(atPath: directory + "/all.yaml", contents: Data(text.utf8)) else {
                throw CorpusError(path: directory + "/all.yaml")
            }
            return 1
        }
        for folder in 0..<min(100, count) {
            try fileManager.createDirectory(atPath: directory + "/d\(String(folder + 100).dropFirst())", withIntermediateDirectories: true)
        }
        for index in order {
            let path = directory + "/d\(String(index % 100 + 100).dropFirst())/\(id(index)).yaml"
            guard fileManager.createFile(atPath: path, contents: Data(institution(index).utf8)) else { throw CorpusError(path: path) }
        }
        return count
    }
}
