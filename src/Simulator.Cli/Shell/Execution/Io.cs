namespace Simulator.Cli.Shell.Execution;

/// <summary>The three standard streams of a running command.</summary>
internal sealed record Io(TextReader In, TextWriter Out, TextWriter Err);
