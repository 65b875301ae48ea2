namespace MonitoringSre.Model;

/// <summary>
/// One multi-window burn-rate alert tier (its severity and route come from its priority's row in <see cref="Priorities"/>) (Google SRE Workbook, chapter 5): fires when the error ratio over both
/// <see cref="LongWindowMinutes"/> and <see cref="ShortWindowMinutes"/> exceeds factor × budget, where
/// factor = <see cref="BudgetSpent"/> × period / long window.
/// </summary>
public sealed record BurnRateTier(
    string Id,
    bool IsPage,
    int LongWindowMinutes,
    int ShortWindowMinutes,
    decimal BudgetSpent,
    int ForMinutes,
    string Priority)
{
    /// <summary>The four standard tiers; at a 30d period their factors are 14.4, 6, 3 and 1.</summary>
    public static IReadOnlyList<BurnRateTier> Standard { get; } =
    [
        new("page-fast", IsPage: true, LongWindowMinutes: 60, ShortWindowMinutes: 5, BudgetSpent: 0.02m, ForMinutes: 2, "P1"),
        new("page-slow", IsPage: true, LongWindowMinutes: 360, ShortWindowMinutes: 30, BudgetSpent: 0.05m, ForMinutes: 15, "P2"),
        new("ticket-fast", IsPage: false, LongWindowMinutes: 1440, ShortWindowMinutes: 120, BudgetSpent: 0.10m, ForMinutes: 60, "P3"),
        new("ticket-slow", IsPage: false, LongWindowMinutes: 4320, ShortWindowMinutes: 360, BudgetSpent: 0.10m, ForMinutes: 180, "P3"),
    ];

    /// <summary>Every window a recording rule is needed for, shortest first.</summary>
    public static IReadOnlyList<int> AllWindowMinutes { get; } =
        Standard.SelectMany(t => new[] { t.LongWindowMinutes, t.ShortWindowMinutes }).Distinct().Order().ToArray();

    public decimal Factor(int periodDays) => BudgetSpent * periodDays * 1440m / LongWindowMinutes;

    /// <summary>
    /// The window that stands in for the short window while it holds no events: the next longer one recorded (5m → 30m,
    /// 30m → 1h, 2h → 6h, 6h → 1d), the recent past rather than the whole long window.
    /// </summary>
    public int QuietShortWindowMinutes => AllWindowMinutes.First(w => w > ShortWindowMinutes);
}
