/// A province-level division of China, identified by its ISO 3166-2:CN code (`CN-GD`).
///
/// The 31 mainland divisions plus Hong Kong, Macao and Taiwan are recognised; `mainland` (what a
/// document's `regions: [all]` means) holds only the 31 mainland ones.
public struct Province: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Index into `ProvinceTable.entries`.
    let index: UInt8

    init(index: UInt8) { self.index = index }

    private var entry: ProvinceTable.Entry { ProvinceTable.entries[Int(index)] }

    /// `CN-GD`.
    public var code: String { "CN-" + entry.letters }
    /// `广东`.
    public var chineseName: String { entry.short }
    /// `广东省`.
    public var fullChineseName: String { entry.full }
    /// `Guangdong`.
    public var englishName: String { entry.english }
    /// False for Hong Kong, Macao and Taiwan.
    public var isMainland: Bool { entry.mainland }

    public var description: String { code }

    /// The position in the table of divisions (0…33): a compact code for the ledger engines.
    public var tableIndex: UInt8 { index }

    /// The division at `tableIndex`, or nil outside the table.
    public init?(tableIndex: UInt8) {
        guard Int(tableIndex) < ProvinceTable.entries.count else { return nil }
        index = tableIndex
    }

    /// The province with this exact canonical code (`CN-GD`), if any.
    public init?(code: String) {
        guard let index = ProvinceTable.entries.firstIndex(where: { "CN-" + $0.letters == code }) else { return nil }
        self.index = UInt8(index)
    }

    /// Every spelling a document or a tape may use, lowercased (English names and codes match in any
    /// letter case; Chinese names exactly), with its division: what the SQL engines look cells up in.
    public static var spellings: [(spelling: String, province: Province)] {
        ProvinceTable.lookup.map { ($0.key, Province(index: $0.value)) }.sorted { $0.spelling < $1.spelling }
    }

    /// Every recognised division (34), in table order.
    public static let all: [Province] = ProvinceTable.entries.indices.map { Province(index: UInt8($0)) }
    /// The 31 mainland divisions: what `all` means in a document's region list.
    public static let mainland: [Province] = all.filter(\.isMainland)

    public static func < (lhs: Province, rhs: Province) -> Bool { lhs.code < rhs.code }
}

/// The ISO 3166-2:CN codes with their names.
enum ProvinceTable {
    struct Entry: Sendable {
        let letters: String
        let short: String
        let full: String
        let english: String
        let mainland: Bool
        /// Other accepted English spellings.
        let aliases: [String]
    }

    static let entries: [Entry] = [
        Entry(letters: "BJ", short: "北京", full: "北京市", english: "Beijing", mainland: true, aliases: []),
        Entry(letters: "TJ", short: "天津", full: "天津市", english: "Tianjin", mainland: true, aliases: []),
        Entry(letters: "HE", short: "河北", full: "河北省", english: "Hebei", mainland: true, aliases: []),
        Entry(letters: "SX", short: "山西", full: "山西省", english: "Shanxi", mainland: true, aliases: []),
        Entry(letters: "NM", short: "内蒙古", full: "内蒙古自治区", english: "Inner Mongolia", mainland: true,
              aliases: ["Nei Mongol", "Neimenggu"]),
        Entry(letters: "LN", short: "辽宁", full: "辽宁省", english: "Liaoning", mainland: true, aliases: []),
        Entry(letters: "JL", short: "吉林", full: "吉林省", english: "Jilin", mainland: true, aliases: []),
        Entry(letters: "HL", short: "黑龙江", full: "黑龙江省", english: "Heilongjiang", mainland: true, aliases: []),
        Entry(letters: "SH", short: "上海", full: "上海市", english: "Shanghai", mainland: true, aliases: []),
        Entry(letters: "JS", short: "江苏", full: "江苏省", english: "Jiangsu", mainland: true, aliases: []),
        Entry(letters: "ZJ", short: "浙江", full: "浙江省", english: "Zhejiang", mainland: true, aliases: []),
        Entry(letters: "AH", short: "安徽", full: "安徽省", english: "Anhui", mainland: true, aliases: []),
        Entry(letters: "FJ", short: "福建", full: "福建省", english: "Fujian", mainland: true, aliases: []),
        Entry(letters: "JX", short: "江西", full: "江西省", english: "Jiangxi", mainland: true, aliases: []),
        Entry(letters: "SD", short: "山东", full: "山东省", english: "Shandong", mainland: true, aliases: []),
        Entry(letters: "HA", short: "河南", full: "河南省", english: "Henan", mainland: true, aliases: []),
        Entry(letters: "HB", short: "湖北", full: "湖北省", english: "Hubei", mainland: true, aliases: []),
        Entry(letters: "HN", short: "湖南", full: "湖南省", english: "Hunan", mainland: true, aliases: []),
        Entry(letters: "GD", short: "广东", full: "广东省", english: "Guangdong", mainland: true, aliases: []),
        Entry(letters: "GX", short: "广西", full: "广西壮族自治区", english: "Guangxi", mainland: true, aliases: []),
        Entry(letters: "HI", short: "海南", full: "海南省", english: "Hainan", mainland: true, aliases: []),
        Entry(letters: "CQ", short: "重庆", full: "重庆市", english: "Chongqing", mainland: true, aliases: []),
        Entry(letters: "SC", short: "四川", full: "四川省", english: "Sichuan", mainland: true, aliases: []),
        Entry(letters: "GZ", short: "贵州", full: "贵州省", english: "Guizhou", mainland: true, aliases: []),
        Entry(letters: "YN", short: "云南", full: "云南省", english: "Yunnan", mainland: true, aliases: []),
        Entry(letters: "XZ", short: "西藏", full: "西藏自治区", english: "Tibet", mainland: true, aliases: ["Xizang"]),
        Entry(letters: "SN", short: "陕西", full: "陕西省", english: "Shaanxi", mainland: true, aliases: []),
        Entry(letters: "GS", short: "甘肃", full: "甘肃省", english: "Gansu", mainland: true, aliases: []),
        Entry(letters: "QH", short: "青海", full: "青海省", english: "Qinghai", mainland: true, aliases: []),
        Entry(letters: "NX", short: "宁夏", full: "宁夏回族自治区", english: "Ningxia", mainland: true, aliases: []),
        Entry(letters: "XJ", short: "新疆", full: "新疆维吾尔自治区", english: "Xinjiang", mainland: true, aliases: []),
        Entry(letters: "HK", short: "香港", full: "香港特别行政区", english: "Hong Kong", mainland: false,
              aliases: ["Hongkong"]),
        Entry(letters: "MO", short: "澳门", full: "澳门特别行政区", english: "Macao", mainland: false, aliases: ["Macau"]),
        Entry(letters: "TW", short: "台湾", full: "台湾省", english: "Taiwan", mainland: false, aliases: []),
    ]

    /// Every accepted spelling → index. English names and codes are matched case-insensitively
    /// (keys are lowercased); Chinese names exactly.
    static let lookup: [String: UInt8] = {
        var table: [String: UInt8] = [:]
        for (index, entry) in entries.enumerated() {
            let id = UInt8(index)
            let spellings = ["cn-" + entry.letters, entry.letters, entry.short, entry.full, entry.english]
                + entry.aliases
            for spelling in spellings { table[spelling.lowercased()] = id }
        }
        return table
    }()

    /// The spellings offered in "did you mean" hints.
    static let suggestionCandidates: [String] = entries.flatMap {
        ["CN-" + $0.letters, $0.short, $0.full, $0.english]
    }
}
