namespace MonitoringSre.Adapters;

/// <summary>
/// Which methods of the service's assemblies can run, starting from its entry point: a method runs when a method that
/// runs calls it or takes its address (a lambda, a local function, a delegate), across the service's and its project
/// references' assemblies. A type the running code constructs or touches has its virtual methods run (the framework
/// calls them through the interfaces it implements: a hosted service, an options setup, a state machine's MoveNext); a
/// type it hands to the framework by name (a generic argument, <c>typeof</c>) has every method run, since the framework
/// may call any by convention (<c>UseStartup&lt;Startup&gt;()</c> calls ConfigureServices).
/// </summary>
internal sealed class CallGraph
{
    private readonly Dictionary<string, List<GraphMethod>> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<GraphMethod>> _byType = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _baseTypes = new(StringComparer.Ordinal);

    public void Add(GraphMethod method)
    {
        Add(_byKey, method.Key, method);
        Add(_byType, method.TypeKey, method);
    }

    public void SetBaseType(string type, string baseType) => _baseTypes[type] = baseType;

    /// <summary>Marks every method that can run from <paramref name="entryPoints"/>.</summary>
    public void Reach(IEnumerable<GraphMethod> entryPoints)
    {
        var work = new Stack<GraphMethod>();
        var liveTypes = new Dictionary<string, bool>(StringComparer.Ordinal); // type → every method (true) or the virtual ones
        void Run(GraphMethod method)
        {
            if (!method.Reachable)
            {
                method.Reachable = true;
                work.Push(method);
            }
        }

        void RunKey(string key)
        {
            if (_byKey.TryGetValue(key, out var methods))
            {
                methods.ForEach(Run);
            }
        }

        void Live(string type, bool every)
        {
            for (var t = type; t is not null; t = _baseTypes.GetValueOrDefault(t), every = false)
            {
                if (!_byType.TryGetValue(t, out var methods) || (liveTypes.TryGetValue(t, out var was) && (was || !every)))
                {
                    return;
                }

                liveTypes[t] = every;
                foreach (var method in methods.Where(m => every || m.IsVirtual || m.IsStaticConstructor))
                {
                    Run(method);
                }
            }
        }

        foreach (var entry in entryPoints)
        {
            Run(entry);
        }

        while (work.Count > 0)
        {
            var method = work.Pop();
            RunKey(MetadataNames.MethodKey(method.TypeKey, ".cctor"));
            method.Targets.ForEach(RunKey);
            foreach (var type in method.TouchedTypes)
            {
                Live(type, every: false);
            }

            foreach (var type in method.HandedTypes)
            {
                Live(type, every: !IsCompilerGenerated(type));
            }
        }
    }

    /// <summary>Closures, lambdas' cache class, state machines: their methods run only as the code that made them says.</summary>
    private static bool IsCompilerGenerated(string typeKey) => typeKey[(typeKey.LastIndexOfAny(['/', '.']) + 1)..].StartsWith('<');

    private static void Add(Dictionary<string, List<GraphMethod>> map, string key, GraphMethod method)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(method);
    }
}

/// <summary>One method body as the graph sees it: what it calls (by key), the types it touches and those it hands on.</summary>
internal sealed class GraphMethod(string typeKey, string name, bool isVirtual)
{
    public string TypeKey { get; } = typeKey;

    public string Key { get; } = MetadataNames.MethodKey(typeKey, name);

    public bool IsVirtual { get; } = isVirtual;

    public bool IsStaticConstructor => Key.EndsWith("::.cctor", StringComparison.Ordinal);

    public List<string> Targets { get; } = [];

    /// <summary>Constructed, or a field or type token of it used: its virtual methods may be called back.</summary>
    public List<string> TouchedTypes { get; } = [];

    /// <summary>Passed by name (a generic argument, typeof): the framework may call any of its methods.</summary>
    public List<string> HandedTypes { get; } = [];

    public bool Reachable { get; set; }
}
