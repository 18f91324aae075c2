namespace Simulator.Netfilter.Matches;

/// <summary>
/// <c>-m conntrack [!] --ctstate LIST</c> (net/netfilter/xt_conntrack.c). Only the state test is
/// modelled. A packet without a connection counts as INVALID; SNAT/DNAT are set beside the
/// state when the connection was translated.
/// </summary>
public sealed record ConntrackMatch(ConntrackStates States, bool Invert) : IMatch
{
    public string Name => "conntrack";
    public bool NeedsConntrack => true;

    public bool Matches(in PacketContext packet) => ((States & StateBits(packet.Conntrack)) != 0) != Invert;

    internal static ConntrackStates StateBits(ConntrackStates packetState) =>
        packetState == ConntrackStates.None ? ConntrackStates.Invalid : packetState;
}
