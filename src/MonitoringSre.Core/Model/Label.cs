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

        for (var i = 0; i < labels.Count; i++)
        {
            if (labels[i].Name == name)
            {
                labels[i] = new Label(name, value);
                return;
            }
        }

        labels.Add(new Label(name, value));
    }
}
