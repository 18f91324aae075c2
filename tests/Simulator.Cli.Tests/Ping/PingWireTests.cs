using System.Buffers.Binary;
using Simulator.Cli.Tests.Ping.Support;
using Simulator.Core.Packets;
using Simulator.Core.Tracing;
using Simulator.Core.Wire;
using Simulator.Devices.Ipv4;
using Simulator.Devices.Links;

namespace Simulator.Cli.Tests.Ping;

/// <summary>What ping reports is what crossed the wire: probes and replies counted by a tap, as a capture would.</summary>
public class PingWireTests
{
    /// <summary>Echo requests and replies seen on a device, with their bytes.</summary>
    private sealed class EchoTap : IPacketTap
    {
        public List<(IcmpType Type, byte[] Ip)> Outgoing { get; } = [];
        public List<(IcmpType Type, byte[] Ip)> Incoming { get; } = [];

        public void Observe(NetDevice device, Packet frame, TapDirection direction)
        {
            var data = frame.Data;
            if (EthernetRepr.TryParse(data, out var ethernet) != DropReason.None || ethernet.EtherType != EtherType.Ipv4) return;
            var ip = data[EthernetFrame.MinHeaderLength..];
            if (Ipv4Repr.TryParse(ip, ChecksumMode.Verify, out var header) != DropReason.None || header.Protocol != IpProtocol.Icmp) return;
            var type = (IcmpType)ip[header.HeaderLength];
            if (type is not (IcmpType.EchoRequest or IcmpType.EchoReply)) return;
            (direction == TapDirection.Outgoing ? Outgoing : Incoming).Add((type, ip[..header.BufferLength].ToArray()));
        }
    }

    /// <summary>Drops every second echo reply the router forwards, in FORWARD.</summary>
    private sealed class DropEverySecondReply : IIpv4Hooks
    {
        private int _replies;

        public NfVerdict Run(NfHook hook, Packet packet, NetDevice? input, NetDevice? output)
        {
            if (hook != NfHook.Forward) return NfVerdict.Accept;
            var ip = new Ipv4Packet(packet.Data);
            if (ip.Protocol != IpProtocol.Icmp || (IcmpType)ip.Payload[0] != IcmpType.EchoReply) return NfVerdict.Accept;
            return ++_replies % 2 == 0 ? NfVerdict.Drop : NfVerdict.Accept;
        }
    }

    /// <summary>iptables -A OUTPUT -p icmp -j DROP.</summary>
    private sealed class DropIcmpOutput : IIpv4Hooks
    {
        public NfVerdict Run(NfHook hook, Packet packet, NetDevice? input, NetDevice? output) =>
            hook == NfHook.LocalOut && new Ipv4Packet(packet.Data).Protocol == IpProtocol.Icmp ? NfVerdict.Drop : NfVerdict.Accept;
    }

    [Test]
    public void TransmittedAndReceivedAreTheEchoesOnTheWire()
    {
        var bench = new PingBench();
        var (ns0, router, _) = bench.Routed();
        router.Ipv4.Hooks = new DropEverySecondReply();
        var tap = new EchoTap();
        ns0.FindDevice("veth0")!.AddTap(tap);

        var run = bench.Ping("ns0", "-c 5 10.0.1.2");

        int requests = tap.Outgoing.Count(e => e.Type == IcmpType.EchoRequest);
        int replies = tap.Incoming.Count(e => e.Type == IcmpType.EchoReply);
        Assert.That(requests, Is.EqualTo(5));
        Assert.That(replies, Is.EqualTo(3));
        Assert.That(run.Lines[^2], Does.StartWith($"{requests} packets transmitted, {replies} received, 40% packet loss"));
        // Each reply line is one reply that arrived: the sequence numbers on the wire.
        var wireSequences = tap.Incoming.Select(e => BinaryPrimitives.ReadUInt16BigEndian(e.Ip.AsSpan(20 + 6))).ToList();
        var printed = run.Lines.Where(l => l.StartsWith("64 bytes", StringComparison.Ordinal))
            .Select(l => ushort.Parse(l.Split("icmp_seq=")[1].Split(' ')[0])).ToList();
        Assert.That(printed, Is.EqualTo(wireSequences));
        Assert.That(printed, Is.EqualTo(new ushort[] { 1, 3, 5 }));
    }

    [Test]
    public void ProbesCarryTheIdentifierSequenceTimestampAndPattern()
    {
        var bench = new PingBench(seed: 42);
        var (ns0, _) = bench.Pair();
        var tap = new EchoTap();
        ns0.FindDevice("veth0")!.AddTap(tap);
        bench.Ping("ns0", "-c 2 10.0.0.2");

        var probes = tap.Outgoing.Select(e => e.Ip).ToList();
        Assert.That(probes, Has.Count.EqualTo(2));
        var first = probes[0].AsSpan(20);
        var second = probes[1].AsSpan(20);
        ushort identifier = BinaryPrimitives.ReadUInt16BigEndian(first[4..]);
        Assert.That(BinaryPrimitives.ReadUInt16BigEndian(second[4..]), Is.EqualTo(identifier), "one identifier per run");
        Assert.That(BinaryPrimitives.ReadUInt16BigEndian(first[6..]), Is.EqualTo(1));
        Assert.That(BinaryPrimitives.ReadUInt16BigEndian(second[6..]), Is.EqualTo(2));
        Assert.That(first.Length, Is.EqualTo(64));
        // struct timeval (little-endian seconds, microseconds), then the bytes 16, 17, … 55.
        long seconds = BinaryPrimitives.ReadInt64LittleEndian(first[8..]);
        Assert.That(seconds, Is.EqualTo(1_700_000_000));
        Assert.That(BinaryPrimitives.ReadInt64LittleEndian(second[16..]), Is.LessThan(1_000_000));
        Assert.That(first[24..].ToArray(), Is.EqualTo(Enumerable.Range(16, 40).Select(i => (byte)i).ToArray()));
        Assert.That(new IcmpPacket(first.ToArray()).IsChecksumValid, Is.True);

        // The identifier comes from the simulation's generator: the same seed gives the same one.
        var again = new PingBench(seed: 42);
        var (ns0b, _) = again.Pair();
        var tapB = new EchoTap();
        ns0b.FindDevice("veth0")!.AddTap(tapB);
        again.Ping("ns0", "-c 1 10.0.0.2");
        Assert.That(BinaryPrimitives.ReadUInt16BigEndian(tapB.Outgoing[0].Ip.AsSpan(24)), Is.EqualTo(identifier));
    }

    [Test]
    public void OutputDropIsSilentAndCountedAsTransmitted()
    {
        // Real (iptables -A OUTPUT -p icmp -j DROP): sendto() fails with EPERM, iputils 20221126
        // prints nothing for it (no ICMP error is queued), counts the probe, and lingers.
        var bench = new PingBench();
        var (ns0, _) = bench.Pair();
        ns0.Ipv4.Hooks = new DropIcmpOutput();
        var tap = new EchoTap();
        ns0.FindDevice("veth0")!.AddTap(tap);
        var run = bench.Ping("ns0", "-c 3 10.0.0.2");
        Assert.That(run.Status, Is.EqualTo(1));
        Transcript.Expect(run,
            "PING 10.0.0.2 (10.0.0.2) 56(84) bytes of data.",
            "",
            "--- 10.0.0.2 ping statistics ---",
            "3 packets transmitted, 0 received, 100% packet loss, time 2000ms",
            "");
        Assert.That(tap.Outgoing, Is.Empty);
        // After each failed send ping pauses for the loopback's few microseconds to read its
        // error queue (see PingProcess.ReadErrorQueueAfterFailedSend), so the end is 12 s plus that.
        Assert.That(bench.Now, Is.EqualTo(12 * Core.Engine.Simulation.Second).Within(Core.Engine.Simulation.Millisecond));
    }
}
