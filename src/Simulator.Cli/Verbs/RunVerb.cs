using System.Globalization;
using Simulator.Cli.Attach;
using Simulator.Cli.Host;
using Simulator.Cli.Scenarios;
using Simulator.Cli.Shell;

namespace Simulator.Cli.Verbs;

/// <summary><c>netsim run FILE [-x] [--pcap DIR] [--seed N]</c>: run a scenario and print its transcript.</summary>
public static class RunVerb
{
    public const string Help = """
        Usage: netsim run FILE [-x] [--pcap DIR] [--seed N] [--attach SIMDEV=REALDEV]...

        Runs a scenario script against the simulated kernel and prints what its commands print,
        stdout and stderr in the order written. The exit status is the script's, as bash gives it.

          -x          echo each command as "+ command" before its output, like bash -x
          --pcap DIR  write one libpcap file per interface into DIR (NAMESPACE-DEVICE.pcap)
          --seed N    random seed for MAC addresses, ICMP ids and ports (default: the
                      scenario's "# netsim: seed N", else 1)
          --attach SIMDEV=REALDEV
                      splice the model onto a real interface (root, libpcap): the model's host
                      gets a NIC named SIMDEV; frames it sends are injected on REALDEV and frames
                      REALDEV receives enter the model on SIMDEV. The simulation runs in real time
                      while attached. REALDEV must be named: there is no default.
        """;

    public static int Execute(string[] args)
    {
        string? file = null, pcap = null;
        bool trace = false;
        ulong? seed = null;
        var attach = new List<AttachSpec>();
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
                case "--attach" when i + 1 < args.Length:
                    if (AttachSpec.TryParse(args[++i], out var attachError) is not { } spec)
                        return Program.UsageError("run", attachError!, Help);
                    attach.Add(spec);
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
        var attachments = new List<Attachment>();
        var options = new RunOptions
        {
            Trace = trace,
            PcapDirectory = pcap,
            Seed = seed,
            PrepareWorld = attach.Count == 0 ? null : world =>
            {
                foreach (var spec in attach)
                {
                    if (Attachment.Create(world, spec, out var error) is not { } attachment) return "netsim: " + error;
                    attachments.Add(attachment);
                }
                return null;
            },
        };
        try
        {
            var result = ScenarioRunner.Run(file, scenario, output, options, file);
            foreach (var problem in attachments.Select(a => a.Problem).OfType<string>())
                Console.Error.WriteLine($"netsim: --attach: {problem}");
            return result.ExitStatus;
        }
        finally
        {
            foreach (var attachment in attachments) attachment.Dispose();
        }
    }
}
