namespace MonitoringSre.Binding;

/// <summary>The value types of PromQL expressions.</summary>
internal enum PromQlType
{
    Scalar,
    Vector,
    Matrix,
    String,
}

/// <summary>PromQL's functions, aggregations and keywords, as the checker knows them.</summary>
internal static class PromQlFunctions
{
    /// <summary>Functions with their argument types (a trailing '?' marks an optional one, '*' any number more) and result.</summary>
    public static IReadOnlyDictionary<string, (string Args, PromQlType Result)> Table { get; } = BuildFunctions();

    public static IReadOnlySet<string> Aggregations { get; } = new HashSet<string>
        { "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio" };

    public static IReadOnlySet<string> Keywords { get; } = new HashSet<string>
        { "and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset", "atan2" };

    /// <summary>Words Prometheus' lexer reads in any case: keywords, aggregations and the @ modifier's start and end.</summary>
    public static bool IsKeywordIgnoringCase(string word) =>
        word.Length <= 12 && (Keywords.Contains(word.ToLowerInvariant()) || Aggregations.Contains(word.ToLowerInvariant()) || word.ToLowerInvariant() is "start" or "end");

    /// <summary>Keywords Prometheus' grammar never takes for a metric name (the others, such as offset or sum, it does).</summary>
    public static IReadOnlySet<string> NeverMetrics { get; } = new HashSet<string> { "on", "ignoring", "group_left", "group_right", "bool", "atan2" };

    /// <summary>Argument codes of the function table: s scalar, v instant vector, m range vector, t string.</summary>
    public static PromQlType ArgumentType(string type) => type switch
    {
        "s" => PromQlType.Scalar,
        "v" => PromQlType.Vector,
        "m" => PromQlType.Matrix,
        "t" => PromQlType.String,
        _ => throw new ArgumentException("unknown argument type " + type, nameof(type)),
    };

    private static Dictionary<string, (string, PromQlType)> BuildFunctions()
    {
        var table = new Dictionary<string, (string, PromQlType)>(StringComparer.Ordinal);
        void Add(string args, PromQlType result, params string[] names)
        {
            foreach (var name in names)
            {
                table[name] = (args, result);
            }
        }

        Add("v", PromQlType.Vector, "abs", "absent", "acos", "acosh", "asin", "asinh", "atan", "atanh", "ceil", "cos", "cosh", "deg", "exp", "floor", "ln",
            "log10", "log2", "rad", "sgn", "sin", "sinh", "sort", "sort_desc", "sqrt", "tan", "tanh", "timestamp", "histogram_count", "histogram_sum",
            "histogram_stddev", "histogram_stdvar", "histogram_avg");
        Add("v?", PromQlType.Vector, "day_of_month", "day_of_week", "day_of_year", "days_in_month", "hour", "minute", "month", "year");
        Add("m", PromQlType.Vector, "absent_over_time", "avg_over_time", "changes", "count_over_time", "delta", "deriv", "idelta", "increase", "irate",
            "last_over_time", "mad_over_time", "max_over_time", "min_over_time", "present_over_time", "rate", "resets", "stddev_over_time",
            "stdvar_over_time", "sum_over_time", "ts_of_max_over_time", "ts_of_min_over_time", "ts_of_last_over_time");
        Add("s m", PromQlType.Vector, "quantile_over_time");
        Add("m s", PromQlType.Vector, "predict_linear");
        Add("m s s", PromQlType.Vector, "holt_winters", "double_exponential_smoothing");
        Add("s v", PromQlType.Vector, "histogram_quantile");
        Add("s s v", PromQlType.Vector, "histogram_fraction");
        Add("v s s", PromQlType.Vector, "clamp");
        Add("v s", PromQlType.Vector, "clamp_max", "clamp_min");
        Add("v s?", PromQlType.Vector, "round");
        Add("v t t t t", PromQlType.Vector, "label_replace");
        Add("v t t t*", PromQlType.Vector, "label_join");
        Add("v t*", PromQlType.Vector, "sort_by_label", "sort_by_label_desc");
        Add("v", PromQlType.Scalar, "scalar");
        Add("s", PromQlType.Vector, "vector");
        Add(string.Empty, PromQlType.Scalar, "pi", "time");
        return table;
    }
}
