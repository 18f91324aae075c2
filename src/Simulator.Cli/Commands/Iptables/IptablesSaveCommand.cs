using System.Text;
using Simulator.Cli.Commands.Iptables.NameServices;
using Simulator.Netfilter.Tables;

namespace Simulator.Cli.Commands.Iptables;

/// <summary>
/// <c>iptables-save [-c] [-t table]</c> of one network namespace, as iptables-save v1.8.9
/// (nf_tables): every table the kernel has (or the one asked for) in restore format. The date in
/// its comment lines comes from <paramref name="clock"/>, the simulation's wall clock.
/// </summary>
public sealed class IptablesSaveCommand(NetfilterTables tables, Func<DateTime> clock, NameService? names = null)
{
    private const string Program = "iptables-save";

    private static readonly LongOption[] Options =
    [
        new("binary", ArgumentKind.None, 'b'),
        new("counters", ArgumentKind.None, 'c'),
        new("dump", ArgumentKind.None, 'd'),
        new("table", ArgumentKind.Required, 't'),
        new("modprobe", ArgumentKind.Required, 'M'),
        new("file", ArgumentKind.Required, 'f'),
        new("version", ArgumentKind.None, 'V'),
    ];

    private readonly NameService _names = names ?? NameService.CreateDefault();

    public int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var getopt = new Getopt([Program, .. args], "bcdt:M:f:V");
        getopt.LongOptions.AddRange(Options);
        bool counters = false;
        string? only = null;
        while (true)
        {
            var option = getopt.Next();
            if (option.Code == GetoptResult.End) break;
            switch (option.Code)
            {
                case 'c':
                    counters = true;
                    break;
                case 't':
                    only = option.Argument;
                    break;
                case 'V':
                    stdout.Write($"{Program} v{IptablesVersion.Number} (nf_tables)\n");
                    return 0;
                case 'b' or 'd' or 'M' or 'f':
                    break;
                case GetoptResult.NonOption:
                    stderr.Write("Unknown arguments found on commandline\n");
                    return 1;
                default:
                    stderr.Write(GetoptMessages.Unrecognized(Program, getopt));
                    stderr.Write($"Look at manual page `{Program}.8' for more information.\n");
                    return 1;
            }
        }

        var text = new StringBuilder();
        if (only is not null)
        {
            var table = tables.Find(only);
            if (table is null)
            {
                stderr.Write($"Table `{only}' does not exist\n");
                return 1;
            }
            SaveFormat.Append(table, _names, counters, clock(), text);
        }
        else
        {
            foreach (var kind in SaveFormat.Order)
                if (tables[kind].Exists) SaveFormat.Append(tables[kind], _names, counters, clock(), text);
        }
        stdout.Write(text.ToString());
        return 0;
    }
}
