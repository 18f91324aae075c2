using Simulator.Core.Addressing;
using Simulator.Core.Engine;
using Simulator.Core.Wire;
using Simulator.Netfilter.Conntrack;
using Simulator.Netfilter.Nat;
using Simulator.Netfilter.Targets;

namespace Simulator.Netfilter.Tests.Conntrack;

/// <summary>
/// The TCP tracker on a handshake and a teardown, with the states and timeouts conntrack -E
/// showed on Linux 6.18 for nc through a router: SYN_SENT 120, SYN_RECV 60, ESTABLISHED 432000
/// [ASSURED], FIN_WAIT 120, LAST_ACK 30, TIME_WAIT 120.
/// </summary>
public class TcpTrackingTests
{
    private static readonly Ipv4Address Client = Ipv4Address.Parse("192.168.1.2"), Server = Ipv4Address.Parse("100.100.100.2");

    private static byte[] Segment(bool fromClient, TcpFlags flags)
    {
        var (source, destination) = fromClient ? (Client, Server) : (Server, Client);
        var (sport, dport) = fromClient ? ((ushort)56303, (ushort)443) : ((ushort)443, (ushort)56303);
        var tcp = new TcpRepr(sport, dport, 1000, 2000, flags, 64240, 0);
        var bytes = new byte[Ipv4Packet.MinHeaderLength + tcp.BufferLength];
        new Ipv4Repr(source, destination, IpProtocol.Tcp, tcp.BufferLength, 64).Emit(bytes);
        tcp.Emit(bytes.AsSpan(Ipv4Packet.MinHeaderLength), source, destination, ReadOnlySpan<byte>.Empty);
        return bytes;
    }

    [Test]
    public void Handshake_and_teardown_walk_the_kernel_states()
    {
        var simulation = new Simulation();
        var table = new ConntrackTable(simulation);
        var tracker = new Conntracker(table);
        var seen = new List<(TcpConntrackState, long, bool)>();
        ConntrackEntry? entry = null;

        void Send(bool fromClient, TcpFlags flags, ConntrackInfo expected)
        {
            var result = tracker.In(Segment(fromClient, flags), atPrerouting: true);
            Assert.That(result.Info, Is.EqualTo(expected), $"{flags}");
            entry = result.Entry!;
            Assert.That(tracker.Confirm(result.Entry, result.Info), Is.True);
            seen.Add((entry.TcpState, (entry.Timeout - simulation.Now) / Simulation.Second, entry.HasStatus(ConntrackStatus.Assured)));
        }

        Send(true, TcpFlags.Syn, ConntrackInfo.New);
        Send(false, TcpFlags.Syn | TcpFlags.Ack, ConntrackInfo.EstablishedReply);
        Send(true, TcpFlags.Ack, ConntrackInfo.Established);
        Send(true, TcpFlags.Fin | TcpFlags.Ack, ConntrackInfo.Established);
        Send(false, TcpFlags.Fin | TcpFlags.Ack, ConntrackInfo.EstablishedReply);
        Send(true, TcpFlags.Ack, ConntrackInfo.Established);

        Assert.That(seen, Is.EqualTo(new[]
        {
            (TcpConntrackState.SynSent, 120L, false),
            (TcpConntrackState.SynRecv, 60L, false),
            (TcpConntrackState.Established, 432000L, true),
            (TcpConntrackState.FinWait, 120L, true),
            (TcpConntrackState.LastAck, 30L, true),
            (TcpConntrackState.TimeWait, 120L, true),
        }));
    }

    [Test]
    public void A_reset_as_the_only_answer_removes_the_connection()
    {
        var simulation = new Simulation();
        var table = new ConntrackTable(simulation);
        var tracker = new Conntracker(table);
        var syn = tracker.In(Segment(true, TcpFlags.Syn), atPrerouting: true);
        tracker.Confirm(syn.Entry, syn.Info);
        tracker.In(Segment(false, TcpFlags.Rst | TcpFlags.Ack), atPrerouting: true);
        Assert.That(table.Count, Is.Zero);
    }

    [Test]
    public void An_ack_without_a_connection_is_picked_up_while_tcp_loose_is_set()
    {
        var table = new ConntrackTable(new Simulation());
        var tracker = new Conntracker(table);
        Assert.That(tracker.In(Segment(true, TcpFlags.Ack), true).Info, Is.EqualTo(ConntrackInfo.New));
        table.Settings.TcpLoose = 0;
        Assert.That(tracker.In(Segment(true, TcpFlags.Ack), true).Entry, Is.Null, "INVALID without nf_conntrack_tcp_loose");
    }

    [Test]
    public void Snat_rewrites_address_and_port_with_valid_checksums_and_the_reply_is_un_natted()
    {
        var simulation = new Simulation();
        var table = new ConntrackTable(simulation);
        var tracker = new Conntracker(table);
        var packet = Segment(true, TcpFlags.Syn);
        var result = tracker.In(packet, true);
        var range = new NatRange(Ipv4Address.Parse("100.100.100.1"), Ipv4Address.Parse("100.100.100.1"), 2000, 2000,
            NatRangeFlags.MapIps | NatRangeFlags.ProtoSpecified);
        NatBinding.Setup(table, result.Entry!, range, NatManipType.Source, simulation.Random);
        NatRewrite.ManipulatePacket(packet, result.Entry!, NatManipType.Source, ConntrackDirection.Original);
        tracker.Confirm(result.Entry, result.Info);

        Assert.That(Ipv4Repr.TryParse(packet, ChecksumMode.Verify, out var ip), Is.EqualTo(Core.Tracing.DropReason.None));
        Assert.That(ip.Source, Is.EqualTo(Ipv4Address.Parse("100.100.100.1")));
        Assert.That(TcpRepr.TryParse(packet.AsSpan(20), ip.Source, ip.Destination, ChecksumMode.Verify, out var tcp),
            Is.EqualTo(Core.Tracing.DropReason.None), "TCP checksum, pseudo-header included");
        Assert.That(tcp.SourcePort, Is.EqualTo(2000));

        // The server's answer goes to 100.100.100.1:2000 and comes back to 192.168.1.2:56303.
        var tcpReply = new TcpRepr(443, 2000, 5, 1001, TcpFlags.Syn | TcpFlags.Ack, 64240, 0);
        var reply = new byte[20 + tcpReply.BufferLength];
        new Ipv4Repr(Server, Ipv4Address.Parse("100.100.100.1"), IpProtocol.Tcp, tcpReply.BufferLength, 64).Emit(reply);
        tcpReply.Emit(reply.AsSpan(20), Server, Ipv4Address.Parse("100.100.100.1"), ReadOnlySpan<byte>.Empty);
        var back = tracker.In(reply, true);
        Assert.That(back.Info, Is.EqualTo(ConntrackInfo.EstablishedReply));
        NatRewrite.ManipulatePacket(reply, back.Entry!, NatManipType.Destination, ConntrackDirection.Reply);
        Assert.That(Ipv4Repr.TryParse(reply, ChecksumMode.Verify, out var replyIp), Is.EqualTo(Core.Tracing.DropReason.None));
        Assert.That(replyIp.Destination, Is.EqualTo(Client));
        Assert.That(TcpRepr.TryParse(reply.AsSpan(20), replyIp.Source, replyIp.Destination, ChecksumMode.Verify, out var tcpBack),
            Is.EqualTo(Core.Tracing.DropReason.None));
        Assert.That(tcpBack.DestinationPort, Is.EqualTo(56303));
    }
}
