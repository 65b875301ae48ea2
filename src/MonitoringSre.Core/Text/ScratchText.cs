using System.Text;

namespace MonitoringSre.Text;

/// <summary>
/// One StringBuilder per thread, kept between uses (as the runtime's own StringBuilderCache does for short strings):
/// generated files and expanded alert texts were each built in fresh chunks and then copied out, which doubled what
/// generation allocated. A builder that grew past <see cref="KeptCapacity"/> characters is not kept, so a long-lived
/// build node holds at most that much. A second Rent before the Return gets a new builder.
/// </summary>
internal static class ScratchText
{
    private const int KeptCapacity = 2 * 1024 * 1024;

    [ThreadStatic]
    private static StringBuilder? t_builder;

    public static StringBuilder Rent()
    {
        var sb = t_builder ?? new StringBuilder(4096);
        t_builder = null;
        return sb;
    }

    /// <summary>The text built, and the builder back for the next Rent.</summary>
    public static string ToStringAndReturn(StringBuilder sb)
    {
        var text = sb.ToString();
        // Checked before Clear: clearing a builder of many chunks allocates one array as large as all of them.
        if (sb.Capacity <= KeptCapacity)
        {
            t_builder = sb.Clear();
        }

        return text;
    }
}
