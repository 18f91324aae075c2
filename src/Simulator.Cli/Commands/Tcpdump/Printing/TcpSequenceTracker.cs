using Simulator.Core.Addressing;

namespace Simulator.Cli.Commands.Tcpdump.Printing;

/// <summary>
/// tcpdump's tcp_seq_hash: the first sequence and acknowledgment numbers seen in each TCP
/// conversation, so later segments print relative to them (<c>seq 1:7, ack 1</c>). Only
/// segments with ACK set take part; the first of a conversation, or any with SYN, (re)starts it
/// and prints absolute numbers. The two directions share one entry, keyed with the lower port
/// first (the addresses decide a tie).
/// </summary>
internal sealed class TcpSequenceTracker
{
    private readonly Dictionary<(uint Source, uint Destination, uint Ports), (uint Seq, uint Ack)> _conversations = [];

    /// <summary>
    /// Makes <paramref name="seq"/> and <paramref name="ack"/> relative, or records them for a new
    /// conversation. Returns whether the segment runs in the reverse direction of the entry, and
    /// the entry's bases (for SACK blocks).
    /// </summary>
    public (bool Reverse, uint BaseSeq, uint BaseAck) Track(Ipv4Address source, Ipv4Address destination,
        ushort sourcePort, ushort destinationPort, bool syn, ref uint seq, ref uint ack)
    {
        bool reverse = sourcePort > destinationPort
                       || (sourcePort == destinationPort && source.Value > destination.Value);
        var key = reverse
            ? (destination.Value, source.Value, (uint)destinationPort << 16 | sourcePort)
            : (source.Value, destination.Value, (uint)sourcePort << 16 | destinationPort);
        if (!_conversations.TryGetValue(key, out var entry) || syn)
        {
            entry = reverse ? (ack - 1, seq) : (seq, ack - 1);
            _conversations[key] = entry;
        }
        else if (reverse)
        {
            seq -= entry.Ack;
            ack -= entry.Seq;
        }
        else
        {
            seq -= entry.Seq;
            ack -= entry.Ack;
        }
        return (reverse, entry.Seq, entry.Ack);
    }
}
