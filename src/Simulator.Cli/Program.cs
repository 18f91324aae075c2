using Simulator.Cli.Host;
using Simulator.Cli.Verbs;

namespace Simulator.Cli;

public static class Program
{
    private const string Help = """
        netsim: runs Linux virtual-networking scenarios (ip, ping, sysctl…) against a simulated kernel.

        Usage: netsim COMMAND [ARGS]

        Commands:
          run FILE        run a scenario script and print its transcript
          test [PATHS]    run scenarios and check the expectations in their comments
          validate PATHS  run scenarios in the model and on the real kernel (root), and compare

        Run "netsim COMMAND --help" for a command's options.
        """;

    public static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.Out.WriteLine(Help);
            return args.Length == 0 ? 2 : 0;
        }
        var rest = args[1..];
        try
        {
            return args[0] switch
            {
                "run" => RunVerb.Execute(rest),
                "test" => TestVerb.Execute(rest),
                "validate" => ValidateVerb.Execute(rest),
                _ => UsageError(null, $"unknown command \"{args[0]}\"", Help),
            };
        }
        catch (SimulationStoppedException stopped)
        {
            Console.Error.WriteLine($"netsim: {stopped.Message}");
            return Machine.StoppedExitStatus;
        }
    }

    internal static int UsageError(string? verb, string message, string help)
    {
        Console.Error.WriteLine($"netsim{(verb is null ? "" : " " + verb)}: {message}");
        Console.Error.WriteLine(help);
        return 2;
    }
}
