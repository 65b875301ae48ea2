using System.Globalization;

namespace MonitoringSre.Spec;

public enum ScalarType
{
    Null,
    Boolean,
    Integer,
    Float,
    String,
}

/// <summary>
/// A scalar as JSON Schema sees it. Plain scalars are typed by YAML 1.2's core schema; quoted ones and those tagged
/// !!str are strings. <see cref="Value"/> is null, a bool, a long, a decimal (where it fits, so 99.99999999999999 stays
/// below 100), a double (for magnitudes a decimal cannot hold) or the string.
/// </summary>
public readonly record struct ScalarValue(ScalarType Type, object? Value)
{
    public static ScalarValue Of(SpecScalar scalar)
    {
        var v = scalar.Value;
        if (scalar.Tag is "tag:yaml.org,2002:str" or "!!str" || !scalar.IsPlain)
        {
            return new(ScalarType.String, v);
        }

        switch (v)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return new(ScalarType.Null, null);
            case "true" or "True" or "TRUE":
                return new(ScalarType.Boolean, true);
            case "false" or "False" or "FALSE":
                return new(ScalarType.Boolean, false);
        }

        if (IsInteger(v) && long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return new(ScalarType.Integer, l);
        }

        if (IsFloat(v))
        {
            if (decimal.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var m))
            {
                return new(ScalarType.Float, m);
            }

            if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
            {
                return new(ScalarType.Float, d);
            }
        }

        return new(ScalarType.String, v);
    }

    public bool IsNumber => Type is ScalarType.Integer or ScalarType.Float;

    /// <summary>[-+]?(0|[1-9][0-9]*)</summary>
    private static bool IsInteger(string v)
    {
        var s = v.AsSpan();
        if (s.Length > 0 && s[0] is '-' or '+')
        {
            s = s[1..];
        }

        return s.Length > 0 && !s.ContainsAnyExceptInRange('0', '9') && (s[0] != '0' || s.Length == 1);
    }

    /// <summary>[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?</summary>
    private static bool IsFloat(string v)
    {
        var s = v.AsSpan();
        if (s.Length > 0 && s[0] is '-' or '+')
        {
            s = s[1..];
        }

        var digits = Digits(ref s);
        if (s.Length > 0 && s[0] == '.')
        {
            s = s[1..];
            var fraction = Digits(ref s);
            if (digits == 0 && fraction == 0)
            {
                return false;
            }
        }
        else if (digits == 0)
        {
            return false;
        }

        if (s.Length > 0 && s[0] is 'e' or 'E')
        {
            s = s[1..];
            if (s.Length > 0 && s[0] is '-' or '+')
            {
                s = s[1..];
            }

            if (Digits(ref s) == 0)
            {
                return false;
            }
        }

        return s.IsEmpty;
    }

    private static int Digits(ref ReadOnlySpan<char> s)
    {
        var n = s.IndexOfAnyExceptInRange('0', '9');
        n = n < 0 ? s.Length : n;
        s = s[n..];
        return n;
    }
}
