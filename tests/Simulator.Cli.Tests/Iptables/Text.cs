namespace Simulator.Cli.Tests.Iptables;

/// <summary>Expected output written one line per argument, so trailing blanks stay visible.</summary>
internal static class Text
{
    public static string Lines(params string[] lines) => lines.Length == 0 ? "" : string.Join("\n", lines) + "\n";
}
