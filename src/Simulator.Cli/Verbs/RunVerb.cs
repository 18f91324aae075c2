using System.Globalization;
using Simulator.Cli.Host;
using Simulator.Cli.Scenarios;
using Simulator.Cli.Shell;

namespace Simulator.Cli.Verbs;

/// <summary><c>netsim run FILE [-x] [--pcap DIR] [--seed N]</c>: run a scenario and print its transcript.</summary>
public static class RunVerb
{
    public const string Help = """
        Usage: netsim run FILE [-x] [--pcap DIR] [--seed N]

        Runs a scenario script against the simulated kernel and prints what its commands print,
        stdout and stderr in the order written. The exit status is the script's, as bash gives it.

          -x          echo each command as "+ command" before its output, like bash -x
          --pcap DIR  write one libpcap file per interface into DIR (NAMESPACE-DEVICE.pcap)
          --seed N    random seed for MAC addresses, ICMP ids and ports (default: the
                      scenario's "# netsim: seed N", else 1)
        """;

    public static int Execute(string[] args)
    {
        string? file = null, pcap = null;
        bool trace = false;
        ulong? seed = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-h" or "--help":
                    Console.Out.WriteLine(Help);
                    return 0;
                case "-x":
                    trace = true;
                    break;
                case "--pcap" when i + 1 < args.Length:
                    pcap = args[++i];
                    break;
                case "--seed" when i + 1 < args.Length && ulong.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var s):
                    seed = s;
                    i++;
                    break;
                default:
                    if (args[i].StartsWith('-') || file != null) return Program.UsageError("run", $"unexpected argument \"{args[i]}\"", Help);
                    file = args[i];
                    break;
            }
        }
        if (file is null) return Program.UsageError("run", "missing scenario file", Help);
        if (!File.Exists(file))
        {
            Console.Error.WriteLine($"netsim: {file}: No such file or directory");
            return 127;
        }
        var scenario = ScenarioFile.Parse(file, File.ReadAllText(file), file);
        var output = new WriterShellOutput(Console.Out, Console.Error);
        var result = ScenarioRunner.Run(file, scenario, output, new RunOptions { Trace = trace, PcapDirectory = pcap, Seed = seed }, file);
        return result.ExitStatus;
    }
}
