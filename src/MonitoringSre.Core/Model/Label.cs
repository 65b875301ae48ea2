namespace MonitoringSre.Model;

public sealed record Label(string Name, string Value);

public static class LabelListExtensions
{
    /// <summary>Sets <paramref name="name"/>: a label already there keeps its place and takes the new value.</summary>
    public static void Set(this List<Label> labels, string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        var i = labels.FindIndex(l => l.Name == name);
        if (i >= 0)
        {
            labels[i] = new Label(name, value);
        }
        else
        {
            labels.Add(new Label(name, value));
        }
    }
}
