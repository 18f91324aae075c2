using System.Diagnostics;
using Simulator.Core.Addressing;
using Simulator.Core.Engine;
using Simulator.Core.Wire;
using Simulator.Netfilter.Conntrack;
using Simulator.Netfilter.Nat;
using Simulator.Netfilter.Targets;

namespace Simulator.Bench;

/// <summary>
/// NAT lookups per second with 100,000 tracked connections: 100,000 UDP flows from private
/// hosts, each source-translated to one public address (ports kept where free, remapped where
/// not), towards sixteen servers, confirmed in one table; then packets of random flows are tracked (nf_conntrack_in: the
/// lookup) and rewritten from their binding (nf_nat_manip_pkt), as a gateway does per packet.
/// </summary>
internal static class NatLookupBenchmark
{
    private const int Connections = 100_000;

    public static void Run(double seconds)
    {
        var simulation = new Simulation(7);
        var table = new ConntrackTable(simulation);
        var tracker = new Conntracker(table);
        var range = NatRange.ToAddress(Ipv4Address.Parse("100.100.100.1"));
        var templates = new byte[Connections][];
        var setup = Stopwatch.StartNew();
        for (int i = 0; i < Connections; i++)
        {
            var source = new Ipv4Address(0xC0A80000u | (uint)(i % 250 + 2) | (uint)(i / 250 % 250) << 8);
            ushort port = (ushort)(40000 + i / 62500);
            // Sixteen servers: one public address has only 64,512 ports towards each.
            var server = new Ipv4Address(0x08080008u | (uint)(i % 16) << 8);
            var packet = Datagram(source, port, server, 53);
            var result = tracker.In(packet, atPrerouting: true);
            NatBinding.Setup(table, result.Entry!, range, NatManipType.Source, simulation.Random);
            if (!tracker.Confirm(result.Entry, result.Info)) throw new InvalidOperationException("clash");
            templates[i] = packet;
        }
        Console.WriteLine($"{Connections:N0} connections tracked and bound in {setup.Elapsed.TotalSeconds:F2} s; table count {table.Count:N0}");

        var scratch = new byte[templates[0].Length];
        var random = new Random(1);
        var order = Enumerable.Range(0, 4096).Select(_ => random.Next(Connections)).ToArray();
        var measured = Measure.Run(seconds, () =>
        {
            foreach (int i in order)
            {
                templates[i].CopyTo(scratch, 0);
                var result = tracker.In(scratch, atPrerouting: false);
                if (result.Entry is null || result.Info != ConntrackInfo.New) throw new InvalidOperationException("lookup missed");
                NatRewrite.ManipulatePacket(scratch, result.Entry, NatManipType.Source, ConntrackDirection.Original);
            }
            return order.Length;
        });
        Console.WriteLine($"NAT lookups + rewrites: {measured.PerSecond:N0}/s " +
                          $"({(double)measured.AllocatedBytes / measured.Operations:F1} B allocated per packet)");
    }

    private static byte[] Datagram(Ipv4Address source, ushort sourcePort, Ipv4Address destination, ushort destinationPort)
    {
        var udp = new UdpRepr(sourcePort, destinationPort, 4);
        var bytes = new byte[Ipv4Packet.MinHeaderLength + udp.BufferLength];
        new Ipv4Repr(source, destination, IpProtocol.Udp, udp.BufferLength, 64).Emit(bytes);
        udp.Emit(bytes.AsSpan(Ipv4Packet.MinHeaderLength), source, destination, "ping"u8);
        return bytes;
    }
}
