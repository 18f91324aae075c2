using Simulator.Cli.Commands.Iptables;
using Simulator.Netfilter.Tables;

namespace Simulator.Cli.Tests.Iptables;

/// <summary>One command's result: what it wrote and its exit status.</summary>
internal readonly record struct Outcome(string Stdout, string Stderr, int Status)
{
    public override string ToString() => $"[rc={Status}]\n--- stdout\n{Stdout}--- stderr\n{Stderr}";
}

/// <summary>The front-ends on one namespace's tables, driven by command lines as a shell would pass them.</summary>
internal sealed class Simulated
{
    /// <summary>The save/restore date the tests use (iptables-save prints it like ctime).</summary>
    public static readonly DateTime Clock = new(2026, 11, 21, 20, 12, 49);

    public NetfilterTables Tables { get; } = new();

    public Outcome Run(string line, string? stdin = null) => Run(CommandLine.Split(line), stdin);

    public Outcome Run(IReadOnlyList<string> words, string? stdin)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        int status = words[0] switch
        {
            "iptables" => new IptablesCommand(Tables).Run(words.Skip(1).ToList(), stdout, stderr),
            "iptables-save" => new IptablesSaveCommand(Tables, () => Clock).Run(words.Skip(1).ToList(), stdout, stderr),
            "iptables-restore" => new IptablesRestoreCommand(Tables).Run(words.Skip(1).ToList(), new StringReader(stdin ?? ""), stdout, stderr),
            _ => throw new ArgumentException($"not an iptables command: {string.Join(' ', words)}"),
        };
        return new Outcome(stdout.ToString(), stderr.ToString(), status);
    }

    /// <summary>Run a line that must succeed silently.</summary>
    public void Do(string line)
    {
        var outcome = Run(line);
        Assert.That(outcome, Is.EqualTo(new Outcome("", "", 0)), line);
    }
}
