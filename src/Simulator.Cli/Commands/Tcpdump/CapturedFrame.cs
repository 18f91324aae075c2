namespace Simulator.Cli.Commands.Tcpdump;

/// <summary>The link types the model captures and reads: DLT_EN10MB and the Linux cooked headers of the any device.</summary>
public enum LinkType : uint
{
    Ethernet = 1,
    LinuxSll = 113,
    LinuxSll2 = 276,
}

/// <summary>
/// One packet as libpcap hands it over: when (Unix time, nanoseconds), its link type, the bytes
/// captured (at most the snapshot length) and how long it was on the wire.
/// </summary>
public sealed record CapturedFrame(long UnixNanoseconds, LinkType LinkType, byte[] Data, int WireLength)
{
    public int CapturedLength => Data.Length;
}
