using Simulator.Cli.Host;
using Simulator.Cli.Shell;
using Simulator.Devices.Namespaces;

namespace Simulator.Cli.Tests.Ip;

/// <summary>A simulated machine with every command, running one command line at a time.</summary>
internal sealed class IpHarness
{
    private readonly TranscriptOutput _transcript = new();

    public IpHarness(ulong seed = 1)
    {
        World = new World(seed);
        Machine = new Machine(World, CommandCatalog.All());
        Shell = new ShellInterpreter(Machine, _transcript);
        Machine.Shell = Shell;
    }

    public World World { get; }
    public Machine Machine { get; }
    public ShellInterpreter Shell { get; }

    public string Stdout { get; private set; } = "";
    public string Stderr { get; private set; } = "";

    /// <summary>Runs one line and keeps its output; the netsim annotation of failures is left out of <see cref="Stderr"/>.</summary>
    public int Run(string line)
    {
        _transcript.Clear();
        int status = Shell.RunText(line, "t.sh");
        Stdout = _transcript.Stdout;
        Stderr = System.Text.RegularExpressions.Regex.Replace(_transcript.Stderr, "^netsim: t\\.sh:.*\n", "",
            System.Text.RegularExpressions.RegexOptions.Multiline);
        return status;
    }

    /// <summary>Runs lines that must all succeed.</summary>
    public void Setup(params string[] lines)
    {
        foreach (var line in lines)
            Assert.That(Run(line), Is.Zero, $"{line}: {Stderr}");
    }

    /// <summary>Stdout of a line that must succeed.</summary>
    public string Out(string line)
    {
        Assert.That(Run(line), Is.Zero, $"{line}: {Stderr}");
        return Stdout;
    }
}
