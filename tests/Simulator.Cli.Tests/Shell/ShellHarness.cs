using Simulator.Cli.Shell;

namespace Simulator.Cli.Tests.Shell;

/// <summary>A shell wired to a <see cref="FakeHost"/> and a transcript, for running snippets.</summary>
internal sealed class ShellHarness
{
    public ShellHarness()
    {
        Host = new FakeHost();
        Shell = new ShellInterpreter(Host, Transcript);
        Host.Shell = Shell;
        Shell.StatementCompleted += Statements.Add;
    }

    public FakeHost Host { get; }

    public TranscriptOutput Transcript { get; } = new();

    public ShellInterpreter Shell { get; }

    public List<StatementResult> Statements { get; } = [];

    public string Stdout => Transcript.Stdout;

    public string Stderr => Transcript.Stderr;

    public string Text => Transcript.Text;

    /// <summary>Runs a script named t.sh; returns its exit status.</summary>
    public int Run(string script, string fileName = "t.sh") => Shell.RunText(script, fileName);

    public static ShellHarness Running(string script, out int status)
    {
        var harness = new ShellHarness();
        status = harness.Run(script);
        return harness;
    }

    /// <summary>Stdout of a script.</summary>
    public static string Out(string script) => Running(script, out _).Stdout;
}
