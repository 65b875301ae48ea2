using System.Text;

namespace MonitoringSre.Text;

/// <summary>Name conversions between the spec's kebab-case names, alert names and project names.</summary>
public static class NameCase
{
    /// <summary>"orders-api" → "OrdersApi"; any run of non-alphanumerics separates words.</summary>
    public static string ToPascal(string name)
    {
        var sb = new StringBuilder(name.Length);
        var upper = true;
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                upper = true;
                continue;
            }

            sb.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        return sb.ToString();
    }

    /// <summary>"OrdersApi" → "orders-api", "My.Web_App2" → "my-web-app2"; the result is a valid service name when it is not empty.</summary>
    public static string ToKebab(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsAsciiLetterOrDigit(c))
            {
                AppendDash(sb);
                continue;
            }

            if (char.IsAsciiLetterUpper(c) && i > 0)
            {
                var prev = name[i - 1];
                var next = i + 1 < name.Length ? name[i + 1] : '\0';
                if (char.IsAsciiLetterLower(prev) || char.IsAsciiDigit(prev) || (char.IsAsciiLetterUpper(prev) && char.IsAsciiLetterLower(next)))
                {
                    AppendDash(sb);
                }
            }

            sb.Append(char.ToLowerInvariant(c));
        }

        var result = sb.ToString().Trim('-');
        while (result.Length > 0 && !char.IsAsciiLetterLower(result[0]))
        {
            result = result[1..].TrimStart('-');
        }

        return result.Length > 63 ? result[..63].TrimEnd('-') : result;
    }

    private static void AppendDash(StringBuilder sb)
    {
        if (sb.Length > 0 && sb[^1] != '-')
        {
            sb.Append('-');
        }
    }

    /// <summary>Levenshtein distance, for did-you-mean suggestions.</summary>
    public static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    /// <summary>The closest candidate within a third of the word's length, if any.</summary>
    public static string? DidYouMean(string word, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var d = EditDistance(word, candidate);
            if (d < bestDistance)
            {
                best = candidate;
                bestDistance = d;
            }
        }

        return best is not null && bestDistance <= Math.Max(1, Math.Max(word.Length, best.Length) / 3) ? best : null;
    }
}
