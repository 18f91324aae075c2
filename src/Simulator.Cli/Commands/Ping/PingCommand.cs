using Simulator.Cli.Commands.Resolver;
using Simulator.Cli.Host;
using Simulator.Cli.Host.Processes;
using Simulator.Core.Addressing;
using Simulator.Core.Wire;
using Simulator.Devices;
using Simulator.Devices.Ipv4.Sockets;
using Simulator.Devices.Links;

namespace Simulator.Cli.Commands.Ping;

/// <summary>
/// iputils 20221126's ping as root: a raw ICMP socket (ping_group_range "1 0" keeps root off ICMP
/// datagram sockets), the target resolved as glibc would, a UDP socket connected to it to choose
/// the source and learn routing errors (connect: Network is unreachable), then the probe loop in
/// simulated time and the statistics.
/// </summary>
public sealed class PingCommand : ProcessCommand
{
    public override IReadOnlyList<string> Names { get; } = ["ping", "ping4", "ping6"];

    /// <summary>The port ping4_run connects its probe socket to; nothing is sent to it.</summary>
    private const ushort ProbePort = 1025;

    /// <summary>
    /// Everything before the loop, done at once as the command starts: options, sockets, the
    /// name, the probe connect and the header line. A failure there ends ping with its status.
    /// </summary>
    protected override SimulatedProcess? Create(Invocation invocation, out int status)
    {
        var program = invocation.Name;
        status = 0;
        try
        {
            return Setup(invocation, program, out status);
        }
        catch (PingExit exit)
        {
            status = exit.Status;
        }
        catch (NotModelledException unmodelled)
        {
            invocation.Err.WriteLine($"netsim: {program}: {unmodelled.Message}");
            status = 2;
        }
        return null;
    }

    private static PingProcess? Setup(Invocation invocation, string program, out int status)
    {
        status = 0;
        var parser = new PingOptionParser(program, invocation.Out, invocation.Err);
        var options = parser.Parse(invocation.Args);
        // Called as ping4 or ping6, ping takes the family from its name.
        if (options.Family == 0 && program.EndsWith('4')) options.Family = 4;
        if (options.Family == 0 && program.EndsWith('6')) options.Family = 6;
        if (parser.Operands.Count == 0)
        {
            invocation.Err.WriteLine($"{program}: usage error: Destination address required");
            status = 1;
            return null;
        }
        var ns = invocation.Namespace;
        var settings = ns.Ipv4.Settings;
        if (settings.PingGroupRangeLow <= 0 && 0 <= settings.PingGroupRangeHigh)
            throw new NotModelledException(
                "net.ipv4.ping_group_range lets root open ICMP datagram sockets, which ping would use; they are not modelled");
        if (parser.Operands.Count > 1)
            throw new NotModelledException("more than one host (a source route through the first ones) is not modelled");
        var target = parser.Operands[^1];
        bool numericTarget = InetAton.TryParse(target, out _);
        if (options.Family == 6)
        {
            if (!numericTarget) throw new NotModelledException("IPv6 is not modelled");
            invocation.Err.WriteLine($"{program}: {target}: {GaiError.AddressFamily.Message()}");
            status = 2;
            return null;
        }

        // ping opens its sockets before it resolves the name.
        var socket = ns.Ipv4.Sockets.OpenRaw(IpProtocol.Icmp);
        try
        {
            if (options.Tos != 0) socket.Tos = options.Tos;
            var resolver = new StubResolver(invocation.Machine, invocation.Context.Namespace, ns);
            var lookup = resolver.LookupHost(target);
            if (lookup.OnlyIpv6) throw new NotModelledException($"{target} has only IPv6 addresses, and IPv6 is not modelled");
            if (!lookup.Succeeded)
            {
                invocation.Err.WriteLine($"{program}: {target}: {lookup.Error.Message()}");
                status = 2;
                socket.Close();
                return null;
            }
            var hostname = numericTarget ? target : lookup.CanonicalName.Length > 0 ? lookup.CanonicalName : target;
            for (int i = 0; i < lookup.Addresses.Count; i++)
            {
                bool hasNext = i + 1 < lookup.Addresses.Count;
                var setup = Ping4Run(invocation, program, options, socket, lookup.Addresses[i], hostname,
                    numeric: numericTarget || options.Numeric, hasNext);
                if (setup != null) return new PingProcess(setup, socket, resolver);
            }
            throw new InvalidOperationException("ping4_run asked for another address after the last one");
        }
        catch
        {
            socket.Close();
            throw;
        }
    }

    /// <summary>ping4_run up to the loop: source selection, socket options, the header line. Null: try the next address.</summary>
    private static PingSetup? Ping4Run(Invocation invocation, string program, PingOptions options, RawSocket socket,
        Ipv4Address target, string hostname, bool numeric, bool hasNext)
    {
        var ns = invocation.Namespace;
        var err = invocation.Err;
        var source = options.Source;
        NetDevice? device = null;
        if (source.IsUnspecified)
        {
            var probe = ns.Ipv4.Sockets.OpenUdp();
            try
            {
                if (options.Device != null)
                {
                    device = BindToDevice(invocation, program, options.Device);
                    probe.BindToDevice(device);
                    socket.BindToDevice(device);
                }
                var error = probe.Connect(target, ProbePort);
                if (error == Errno.EACCES)
                {
                    if (!options.Broadcast)
                        Exit(err, 2, $"{program}: Do you want to ping broadcast? Then -b. If not, check your local firewall rules");
                    err.WriteLine("WARNING: pinging broadcast address");
                    probe.AllowBroadcast = true;
                    error = probe.Connect(target, ProbePort);
                    if (error != null) Exit(err, 2, $"{program}: connect: {error.Value.Message()}");
                }
                else if (error is Errno.EHOSTUNREACH or Errno.ENETUNREACH && hasNext)
                {
                    return null;
                }
                else if (error != null)
                {
                    Exit(err, 2, $"{program}: connect: {error.Value.Message()}");
                }
                source = probe.LocalAddress;
                if (device != null && device.Ip?.HasAddress(source) != true)
                    err.WriteLine($"{program}: Warning: source address might be selected on device other than: {options.Device}");
            }
            finally
            {
                probe.Close();
            }
        }
        else if (options.Device != null)
        {
            device = BindToDevice(invocation, program, options.Device);
            socket.BindToDevice(device);
        }
        if (target.IsUnspecified) target = source;

        bool multicast = options.Broadcast || target.IsMulticast;
        if (options.StrictSource)
        {
            var error = socket.Bind(source);
            if (error != null) Exit(err, 2, $"{program}: bind: {error.Value.Message()}");
        }
        if (options.Broadcast) socket.AllowBroadcast = true;
        if (options.Ttl is int ttl)
        {
            // IP_MULTICAST_TTL takes 0; IP_TTL does not.
            if (ttl == 0) Exit(err, 2, $"{program}: cannot set unicast time-to-live: {Errno.EINVAL.Message()}");
            socket.Ttl = ttl;
        }

        var from = device != null || options.StrictSource ? $"from {source} {options.Device ?? ""}: " : "";
        int packetLength = options.DataLength + IcmpPacket.HeaderLength + Ipv4Packet.MinHeaderLength;
        invocation.Out.WriteLine($"PING {hostname} ({target}) {from}{options.DataLength}({packetLength}) bytes of data.");

        ushort identifier = (ushort)(options.Identifier ?? invocation.World.Simulation.Random.Next(65536));
        // A script cannot press Ctrl-C: a ping in the foreground with nothing to stop it is
        // interrupted by NetSim; in the background, or under timeout, it runs until signalled.
        bool interrupt = !invocation.Context.Background && invocation.Machine.ForegroundLimit is null;
        return new PingSetup(invocation, program, options, target, hostname, identifier, multicast, numeric, interrupt);
    }

    /// <summary>SO_BINDTODEVICE by name: the device must exist in the namespace.</summary>
    private static NetDevice BindToDevice(Invocation invocation, string program, string name)
    {
        var device = invocation.Namespace.FindDevice(name);
        if (device is null) Exit(invocation.Err, 2, $"{program}: SO_BINDTODEVICE {name}: {Errno.ENODEV.Message()}");
        return device!;
    }

    private static void Exit(TextWriter err, int status, string message)
    {
        err.WriteLine(message);
        throw new PingExit(status);
    }
}
