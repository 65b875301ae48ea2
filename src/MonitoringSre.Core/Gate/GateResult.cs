namespace MonitoringSre.Gate;

/// <summary>The gate's verdict on one service: each exit criterion with its evidence and findings.</summary>
public sealed record GateResult(string Service, IReadOnlyList<GateCriterion> Criteria)
{
    public int Met => Criteria.Count(c => c.Met);

    public int Total => Criteria.Count;

    public int NotChecked => Criteria.Count(c => !c.Checked);

    /// <summary>Findings the build reports as errors when the gate is on.</summary>
    public int Errors => Criteria.Where(c => !c.WarningOnly).Sum(c => c.Findings.Count);

    /// <summary>Findings the build reports as warnings whether or not the gate is on.</summary>
    public int Warnings => Criteria.Where(c => c.WarningOnly).Sum(c => c.Findings.Count);

    /// <summary>
    /// The line every build prints, from a file the targets read with one property function, so a build whose inputs
    /// have not changed reports the last result without loading a task. <paramref name="reportFolder"/> is where the
    /// build puts gate.md, as the build's output names it (bin/Debug/net10.0/monitoring/).
    /// </summary>
    public string Headline(bool enforced, string reportFolder)
    {
        var counts = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"MonitoringSre gate: {Met}/{Total} exit criteria met");
        if (Met == Total)
        {
            return counts;
        }

        // The criteria by number and title, so the line alone says which one dropped.
        static string Named(IEnumerable<GateCriterion> criteria) =>
            string.Join(", ", criteria.Select(c => c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) + ". " + c.Title));
        var unmet = Criteria.Where(c => c.Checked && !c.Met).ToList();
        var notMet = unmet.Count == 0 ? string.Empty : "; not met: " + Named(unmet);
        if (enforced)
        {
            return $"{counts}{notMet} (see {reportFolder}gate.md)";
        }

        var notChecked = NotChecked == 0 ? string.Empty : "; not checked until the gate is on: " + Named(Criteria.Where(c => !c.Checked));
        return $"{counts}{notMet}{notChecked} (see {reportFolder}gate.md); build with -p:MonitoringGate=true to enforce them.";
    }

    /// <summary>Whether the build has findings to report: the errors when the gate is enforced, the warnings always.</summary>
    public bool HasFindingsToReport(bool enforced) => (enforced && Errors > 0) || Warnings > 0;
}
