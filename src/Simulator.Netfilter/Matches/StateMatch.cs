namespace Simulator.Netfilter.Matches;

/// <summary>
/// <c>-m state [!] --state LIST</c>: the older spelling of the conntrack state test
/// (net/netfilter/xt_state.c; iptables 1.8 implements it on top of conntrack, which is why '!' works).
/// </summary>
public sealed record StateMatch(ConntrackStates States, bool Invert) : IMatch
{
    public string Name => "state";
    public bool NeedsConntrack => true;

    public bool Matches(in PacketContext packet) =>
        ((States & ConntrackMatch.StateBits(packet.Conntrack)) != 0) != Invert;
}
