using System.Globalization;
using MonitoringSre.RuleCost;

// What the SLO rules cost a real Prometheus: the steps of benchmarks/rule-cost.sh. See benchmarks/README.md.
//   rules <spec> <out.yml> <recorded|raw> [service]   our rules for a spec (Sloth's, OpenSLO's or ours)
//   history <out.om> <series> <from-unix> <to-unix>   raw request counters in OpenMetrics, one sample a minute
//   backfill-rules <in.yml> <out.yml>                the recordings that read raw series over 5m
//   measure <url> <config> <seconds> <label=file>…   each rule file alone: evaluation time per cycle, samples read
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
return args switch
{
    ["rules", var spec, var output, var windows, .. var rest] => RulesCommand.Run(spec, output, windows, rest.FirstOrDefault()),
    ["history", var output, var series, var from, var to] =>
        History.Write(output, int.Parse(series, CultureInfo.InvariantCulture), long.Parse(from, CultureInfo.InvariantCulture), long.Parse(to, CultureInfo.InvariantCulture)),
    ["backfill-rules", var input, var output] => BackfillRules.Run(input, output),
    ["measure", var url, var config, var seconds, .. var files] => await Measure.Run(url, config, int.Parse(seconds, CultureInfo.InvariantCulture), files),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: rules <spec> <out.yml> <recorded|raw> [service] | history <out.om> <series> <from> <to> | measure <url> <config> <seconds> <label=file>...");
    return 2;
}
