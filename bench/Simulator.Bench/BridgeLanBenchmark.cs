using System.Diagnostics;
using Simulator.Core.Addressing;
using Simulator.Core.Engine;
using Simulator.Core.Wire;
using Simulator.Devices.Ipv4.Sockets;
using Simulator.Devices.Links;
using Simulator.Devices.Links.Bridge;
using Simulator.Devices.Namespaces;

namespace Simulator.Bench;

/// <summary>
/// The LAN ns-3 3.37 was measured on here: 1,000 hosts (namespaces, each with a veth to one
/// bridge) in 10.0.0.0/22, each pinging its neighbour (host i → host i+1) 100 times, one echo a
/// second as ping does, ARP included (the first request of each host is broadcast to all 999
/// others; later re-confirmations are unicast probes). ns-3 took 10.9 s and 72 MB at its peak.
/// Reported: wall time to build and run, frame-hops (frames sent by any device, veth or
/// bridge port), replies, and memory.
/// </summary>
internal static class BridgeLanBenchmark
{
    private const int Hosts = 1000;
    private const int Pings = 100;

    /// <summary>One pinging host: sends an echo request each second, counts the replies.</summary>
    private sealed class Pinger : IEventTarget
    {
        public required Simulation Simulation;
        public required RawSocket Socket;
        public required Ipv4Address Target;
        public required byte[] Message;
        public int Sent, Replies;

        public void OnEvent(object? payload, long argument)
        {
            // The sequence number changes per request, as ping's does (the checksum follows).
            var echo = IcmpRepr.EchoRequest((ushort)argument, (ushort)(Sent + 1), 56);
            echo.Emit(Message, Payload);
            Socket.SendTo(Target, Message);
            if (++Sent < Pings) Simulation.Schedule(Simulation.Second, this, null, argument);
        }

        private static readonly byte[] Payload = new byte[56];
    }

    public static void Run(double seconds)
    {
        _ = seconds;
        GC.Collect();
        long managedBefore = GC.GetTotalMemory(true);
        var clock = Stopwatch.StartNew();

        var world = new World();
        var simulation = world.Simulation;
        simulation.EventBudget = long.MaxValue;
        var host = world.InitialNamespace;
        var bridge = new BridgeDevice(world, "br0", world.RandomMac());
        host.Add(bridge);
        bridge.SetUp();
        var namespaces = new NetworkNamespace[Hosts];
        var devices = new List<NetDevice> { bridge };
        for (int i = 0; i < Hosts; i++)
        {
            var ns = world.CreateNamespace($"h{i}");
            namespaces[i] = ns;
            var port = new VethDevice(world, $"p{i}", world.RandomMac());
            var eth0 = new VethDevice(world, "eth0", world.RandomMac());
            VethDevice.Pair(port, eth0);
            host.Add(port);
            ns.Add(eth0);
            if (bridge.AddSlave(port) is { } error) throw new InvalidOperationException(error.ToString());
            port.SetUp();
            Ipv4InterfaceAddress.TryParse($"{Address(i)}/22", out var address);
            ns.Ipv4.Addresses.Add(eth0, address, default);
            eth0.SetUp();
            devices.Add(port);
            devices.Add(eth0);
        }
        simulation.RunFor(Simulation.Millisecond);
        double setupSeconds = clock.Elapsed.TotalSeconds;
        long managedAfterSetup = GC.GetTotalMemory(true);

        var pingers = new Pinger[Hosts];
        for (int i = 0; i < Hosts; i++)
        {
            var socket = namespaces[i].Ipv4.Sockets.OpenRaw(IpProtocol.Icmp);
            var pinger = new Pinger
            {
                Simulation = simulation,
                Socket = socket,
                Target = Ipv4Address.Parse(Address((i + 1) % Hosts)),
                Message = new byte[IcmpRepr.EchoRequest(0, 0, 56).BufferLength],
            };
            socket.Handler = (packet, _) =>
            {
                if (packet.Length > 20 && packet[20] == (byte)IcmpType.EchoReply) pinger.Replies++;
            };
            pingers[i] = pinger;
            // Each ping starts a millisecond after the previous one, as if typed in a loop.
            simulation.Schedule(i * Simulation.Millisecond, pinger, null, 0x1000 + i);
        }
        long peakManaged = 0;
        var end = simulation.Now + (Pings + 2) * Simulation.Second;
        while (simulation.Now < end)
        {
            simulation.RunFor(Simulation.Second);
            peakManaged = Math.Max(peakManaged, GC.GetTotalMemory(false));
        }
        clock.Stop();
        long managedAfterRun = GC.GetTotalMemory(true);

        ulong frameHops = 0;
        foreach (var device in devices) frameHops += device.Stats.TxPackets;
        long replies = pingers.Sum(p => p.Replies), sent = pingers.Sum(p => p.Sent);
        var process = Process.GetCurrentProcess();
        Console.WriteLine($"hosts: {Hosts}, echo requests: {sent:N0}, replies: {replies:N0}");
        Console.WriteLine($"wall time: {clock.Elapsed.TotalSeconds:F2} s (setup {setupSeconds:F2} s), simulated: {simulation.Now / 1e9:F0} s");
        Console.WriteLine($"frame-hops: {frameHops:N0} = {frameHops / clock.Elapsed.TotalSeconds / 1e3:N0}k frame-hops/s; events: {simulation.EventsExecuted:N0}");
        Console.WriteLine($"managed heap: {(managedAfterSetup - managedBefore) / 1e6:F1} MB live after setup, {(managedAfterRun - managedBefore) / 1e6:F1} MB live after the run, " +
                          $"{(peakManaged - managedBefore) / 1e6:F1} MB at its peak (garbage included); process peak working set: {process.PeakWorkingSet64 / 1e6:F1} MB");
        Console.WriteLine($"packets still rented from the pool: {simulation.Packets.Outstanding}");
    }

    private static string Address(int i) => $"10.0.{i / 250}.{i % 250 + 1}";
}
