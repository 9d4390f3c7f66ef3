import Testing
import RuleLanguage

@Test func smoke() {
    for text in ["0.1 + 0.2 == 0.3", "29.99% >= 30%", "20万 == 200000", "10亿 * 25% == 2.5亿", "1 year == 12 months",
                 "1/3", "1 + 2 * 3", "0.05% per day == 18.25% per year", "20万 + 5%", "1 year <= 365 days", "1/0",
                 "2024-12-31 + 2 months", "2025-03-01 - 2024-03-01", "max(1, 2.5)", "[CN-GD, CN-GX]", "CN-GQ",
                 "10亿 / 3", "all([1,2,3], x => x > 1)", "1 < 2 < 3", "sum([20万, 10万])", "annualized(0.05% per day)"] {
        print(text, "→", show(text))
    }
}
