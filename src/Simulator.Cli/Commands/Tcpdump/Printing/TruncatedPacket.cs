namespace Simulator.Cli.Commands.Tcpdump.Printing;

/// <summary>
/// A dissector ran out of captured bytes; the line ends with <c> [|proto]</c>, naming the
/// protocol being printed. tcpdump gets there two ways, which differ only in what -x dumps
/// afterwards: a GET_ macro longjmps out of every printer and the whole frame is dumped
/// (<see cref="LeftEarly"/>); an ND_TCHECK jumps to the printer's own trunc label and returns,
/// and the dump still leaves out the link-layer header.
/// </summary>
internal sealed class TruncatedPacket(string protocol, bool leftEarly = true) : Exception($"truncated {protocol}")
{
    public string Protocol { get; } = protocol;

    /// <summary>True for a longjmp out of the printers (GET_), false for a printer's own check (ND_TCHECK).</summary>
    public bool LeftEarly { get; } = leftEarly;
}
