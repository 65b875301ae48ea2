using MonitoringSre.Diagnostics;

namespace MonitoringSre.Tests.Support;

/// <summary>Assertions on the diagnostics of a run: exactly one of a code, and where it points.</summary>
public static class DiagnosticAssert
{
    public static Diagnostic Single(IReadOnlyList<Diagnostic> diagnostics, string code)
    {
        var found = diagnostics.Where(d => d.Code == code).ToList();
        Assert.True(found.Count == 1, $"expected one {code}, got:\n{string.Join("\n", diagnostics)}");
        return found[0];
    }

    /// <summary>The spec (as monitoring.yaml) has exactly one <paramref name="code"/>, at the line and column given.</summary>
    public static void AssertAt(string yaml, string code, int line, int column, string? messagePart = null)
    {
        var d = Single(SpecRun.Diagnose(yaml), code);
        At(d, SpecRun.File, line, column);
        if (messagePart is not null)
        {
            Assert.Contains(messagePart, d.Message);
        }
    }

    public static void At(Diagnostic d, string file, int line, int column)
    {
        Assert.Equal(file, d.Location.File);
        Assert.Equal((line, column), (d.Location.Line, d.Location.Column));
    }
}
