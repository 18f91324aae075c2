using Simulator.Cli.Host;

namespace Simulator.Cli.Commands.Bridge;

/// <summary>
/// iproute2 6.1 <c>bridge</c>: the <c>link</c> and <c>fdb</c> objects (bridge/bridge.c). Options
/// and objects may be abbreviated as iproute2's matches() allows. mdb, vlan and monitor, and the
/// JSON and other output options, are not modelled and say so.
/// </summary>
public sealed class BridgeCommand : INetworkCommand
{
    public IReadOnlyList<string> Names { get; } = ["bridge"];

    internal const string Usage = """
        Usage: bridge [ OPTIONS ] OBJECT { COMMAND | help }
               bridge [ -force ] -batch filename
        where  OBJECT := { link | fdb | mdb | vlan | monitor }
               OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] |
                            -o[neline] | -t[imestamp] | -n[etns] name |
                            -c[ompressvlans] -color -p[retty] -j[son] }
        """;

    /// <summary>iproute2's matches(): <paramref name="word"/> is a non-empty prefix of <paramref name="full"/>.</summary>
    internal static bool Matches(string word, string full) => word.Length > 0 && full.StartsWith(word, StringComparison.Ordinal);

    public int Run(Invocation invocation)
    {
        var args = invocation.Args.ToList();
        var options = new BridgeOptions();
        while (args.Count > 0 && args[0].StartsWith('-') && args[0].Length > 1)
        {
            var option = args[0].StartsWith("--", StringComparison.Ordinal) ? args[0][1..] : args[0];
            args.RemoveAt(0);
            if (Matches(option, "-details")) options.Details = true;
            else if (Matches(option, "-statistics") || Matches(option, "-stats")) options.Statistics = true;
            else if (Matches(option, "-Version"))
            {
                invocation.Out.WriteLine("bridge utility, 6.1.0");
                return 0;
            }
            else if (Matches(option, "-help"))
            {
                invocation.Err.WriteLine(Usage);
                return 255;
            }
            else
            {
                invocation.Err.WriteLine($"netsim: bridge: option \"{option}\" is not modelled (supported: -d[etails], -s[tatistics])");
                return 255;
            }
        }
        if (args.Count == 0)
        {
            invocation.Err.WriteLine(Usage);
            return 255;
        }
        var objectName = args[0];
        var rest = args.Skip(1).ToList();
        if (Matches(objectName, "link")) return BridgeLinkCommand.Run(invocation, rest, options);
        if (Matches(objectName, "fdb")) return BridgeFdbCommand.Run(invocation, rest, options);
        if (Matches(objectName, "mdb") || Matches(objectName, "vlan") || Matches(objectName, "monitor"))
        {
            invocation.Err.WriteLine($"netsim: bridge {objectName}: not modelled (NetSim models bridge link and bridge fdb)");
            return 255;
        }
        if (Matches(objectName, "help"))
        {
            invocation.Err.WriteLine(Usage);
            return 255;
        }
        invocation.Err.WriteLine($"Object \"{objectName}\" is unknown, try \"bridge help\".");
        return 255;
    }
}

/// <summary>The global options of <c>bridge</c> that change what it prints.</summary>
internal sealed class BridgeOptions
{
    public bool Details;
    public bool Statistics;
}
