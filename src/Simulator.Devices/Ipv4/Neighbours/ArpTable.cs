using Simulator.Core.Addressing;
using Simulator.Core.Engine;
using Simulator.Core.Packets;
using Simulator.Core.Tracing;
using Simulator.Core.Wire;
using Simulator.Devices.Links;
using Simulator.Devices.Sysctl;

namespace Simulator.Devices.Ipv4.Neighbours;

/// <summary>
/// The IPv4 neighbour table and ARP (net/core/neighbour.c, net/ipv4/arp.c). Resolution follows
/// the kernel's NUD machine and timers: an unknown neighbour is probed by broadcast
/// mcast_solicit times, retrans_time apart, then FAILED, and the packets that waited get a
/// "host unreachable" error; a REACHABLE entry turns STALE after a randomised reachable time; a
/// STALE entry in use goes to DELAY, then PROBE with unicast requests.
/// </summary>
public sealed class ArpTable
{
    private readonly Ipv4Stack _stack;
    private readonly Dictionary<(int IfIndex, Ipv4Address Address), NeighbourEntry> _entries = [];
    private readonly Dictionary<int, long> _reachableTime = [];

    internal ArpTable(Ipv4Stack stack) => _stack = stack;

    private Simulation Simulation => _stack.Simulation;

    /// <summary>Entries in the order <c>ip neigh</c> shows them (newest first, as the kernel's hash dump).</summary>
    public IEnumerable<NeighbourEntry> Entries => _entries.Values.Reverse();

    public NeighbourEntry? Find(NetDevice device, Ipv4Address address) =>
        _entries.GetValueOrDefault((device.IfIndex, address));

    // ----- output -----

    /// <summary>
    /// neigh_output: sends <paramref name="packet"/> (IPv4 header first) to <paramref name="nextHop"/>
    /// on <paramref name="device"/>, resolving its MAC first if needed.
    /// </summary>
    public void Output(Packet packet, NetDevice device, Ipv4Address nextHop)
    {
        if ((device.Flags & (DeviceFlags.Loopback | DeviceFlags.NoArp | DeviceFlags.PointToPoint)) != 0)
        {
            Transmit(packet, device, device is LoopbackDevice ? MacAddress.Zero : device.BroadcastAddress);
            return;
        }
        if (nextHop.IsLimitedBroadcast || _stack.Fib.AddressType(nextHop) == Routing.RouteType.Broadcast)
        {
            Transmit(packet, device, MacAddress.Broadcast);
            return;
        }
        var entry = Find(device, nextHop) ?? Create(device, nextHop);
        entry.Used = Simulation.Now;
        switch (entry.State)
        {
            case NudState.Reachable or NudState.Permanent or NudState.NoArp or NudState.Delay or NudState.Probe:
                Transmit(packet, device, entry.HardwareAddress);
                return;
            case NudState.Stale:
                // First use of a stale entry: send now, and make sure it is still there shortly.
                SetState(entry, NudState.Delay);
                entry.Timer.Arm(Seconds(entry.Device.Ip!.NeighParms.DelayFirstProbeTime));
                Transmit(packet, device, entry.HardwareAddress);
                return;
            case NudState.Incomplete:
                Enqueue(entry, packet);
                return;
            default:
                // NONE or FAILED: start (again) to resolve, holding the packet meanwhile.
                StartResolution(entry);
                Enqueue(entry, packet);
                Solicit(entry, packet);
                return;
        }
    }

    private void StartResolution(NeighbourEntry entry)
    {
        var parms = entry.Device.Ip!.NeighParms;
        SetState(entry, NudState.Incomplete);
        entry.Probes = parms.UcastSolicit;
        entry.Timer.Arm(Math.Max(Millis(parms.RetransTimeMs), 10 * Simulation.Millisecond));
    }

    /// <summary>
    /// Adds a packet to the wait queue; when the queue exceeds unres_qlen_bytes the oldest are
    /// dropped (NEIGH_QUEUEFULL), as __neigh_event_send does.
    /// </summary>
    private void Enqueue(NeighbourEntry entry, Packet packet)
    {
        var limit = entry.Device.Ip!.NeighParms.UnresQlenBytes;
        int truesize = packet.Length + 576;
        while (entry.Pending.Count > 0 && entry.PendingBytes + truesize > limit)
        {
            var old = entry.Pending.Dequeue();
            entry.PendingBytes -= old.Length + 576;
            entry.Device.Drop(old, DropReason.NeighQueueFull);
        }
        entry.Pending.Enqueue(packet);
        entry.PendingBytes += truesize;
    }

    private void Transmit(Packet packet, NetDevice device, MacAddress destination)
    {
        var header = packet.Push(EthernetFrame.MinHeaderLength);
        new EthernetRepr(destination, device.Address, EtherType.Ipv4).Emit(header);
        device.Transmit(packet);
    }

    private NeighbourEntry Create(NetDevice device, Ipv4Address address)
    {
        var entry = new NeighbourEntry(address, device, Simulation, OnTimer)
        {
            Updated = Simulation.Now,
            Used = Simulation.Now,
        };
        _entries[(device.IfIndex, address)] = entry;
        return entry;
    }

    /// <summary>neigh_timer_handler.</summary>
    private void OnTimer(NeighbourEntry entry)
    {
        var parms = entry.Device.Ip?.NeighParms;
        if (parms is null) return;
        long now = Simulation.Now;
        switch (entry.State)
        {
            case NudState.Reachable:
                if (now < entry.Confirmed + ReachableTime(entry.Device))
                {
                    entry.Timer.Arm(entry.Confirmed + ReachableTime(entry.Device) - now);
                }
                else if (now < entry.Used + Seconds(parms.DelayFirstProbeTime))
                {
                    SetState(entry, NudState.Delay);
                    entry.Timer.Arm(Seconds(parms.DelayFirstProbeTime));
                }
                else
                {
                    SetState(entry, NudState.Stale);
                }
                return;
            case NudState.Delay:
                if (now <= entry.Confirmed + Seconds(parms.DelayFirstProbeTime))
                {
                    SetState(entry, NudState.Reachable);
                    entry.Timer.Arm(ReachableTime(entry.Device));
                }
                else
                {
                    SetState(entry, NudState.Probe);
                    entry.Probes = 0;
                    ProbeOrFail(entry, parms);
                }
                return;
            case NudState.Incomplete or NudState.Probe:
                ProbeOrFail(entry, parms);
                return;
        }
    }

    private void ProbeOrFail(NeighbourEntry entry, NeighParms parms)
    {
        int maxProbes = parms.UcastSolicit + parms.AppSolicit +
                        (entry.State == NudState.Probe ? parms.McastResolicit : parms.McastSolicit);
        if (entry.Probes >= maxProbes)
        {
            Fail(entry);
            return;
        }
        Solicit(entry, entry.Pending.Count > 0 ? entry.Pending.Peek() : null);
        entry.Timer.Arm(Math.Max(Millis(parms.RetransTimeMs), 10 * Simulation.Millisecond));
    }

    /// <summary>
    /// Resolution failed: every waiting packet is reported to its sender as "host unreachable"
    /// (arp_error_report → ipv4_link_failure → icmp_send) and dropped.
    /// </summary>
    private void Fail(NeighbourEntry entry)
    {
        SetState(entry, NudState.Failed);
        entry.Timer.Cancel();
        while (entry.Pending.Count > 0)
        {
            var packet = entry.Pending.Dequeue();
            _stack.Icmp.SendError(packet, IcmpType.DestinationUnreachable, (byte)IcmpUnreachableCode.HostUnreachable,
                inputDevice: null);
            entry.Device.Drop(packet, DropReason.NeighFailed, $"no ARP reply from {entry.Address}");
        }
        entry.PendingBytes = 0;
    }

    /// <summary>
    /// arp_solicit: a request for the entry's address; broadcast while resolving, unicast to the
    /// known MAC while probing. The sender address is the waiting packet's source if it is ours
    /// (arp_announce=0), else one selected on the device.
    /// </summary>
    private void Solicit(NeighbourEntry entry, Packet? waiting)
    {
        entry.Probes++;
        var device = entry.Device;
        Ipv4Address source = default;
        if (waiting != null && waiting.Length >= Ipv4Packet.MinHeaderLength)
        {
            var candidate = Ipv4Address.Read(waiting.Data[Ipv4Packet.SourceOffset..]);
            if (_stack.Fib.IsLocalAddress(candidate) && AnnounceAllows(device, candidate)) source = candidate;
        }
        if (!source.IsValid) source = _stack.SelectSourceAddress(device, entry.Address, Routing.RouteScope.Link);
        if (!source.IsValid) source = Ipv4Address.Any;
        bool unicast = entry.State == NudState.Probe && entry.HardwareAddress.IsValid;
        SendArp(device, ArpRepr.Request(device.Address, source, entry.Address),
            unicast ? entry.HardwareAddress : MacAddress.Broadcast);
    }

    private bool AnnounceAllows(NetDevice device, Ipv4Address source)
    {
        int announce = Math.Max(_stack.AllConf[DevConfKey.ArpAnnounce], device.Ip!.Conf[DevConfKey.ArpAnnounce]);
        return announce == 0 || device.Ip.HasAddress(source) || (announce == 1 && device.Ip.Addresses.Any(a => a.Covers(source)));
    }

    internal void SendArp(NetDevice device, ArpRepr arp, MacAddress destination)
    {
        var packet = Simulation.Packets.Rent(EthernetFrame.MinHeaderLength + ArpPacket.Length);
        var data = packet.Data;
        new EthernetRepr(destination, device.Address, EtherType.Arp).Emit(data);
        arp.Emit(data[EthernetFrame.MinHeaderLength..]);
        device.Transmit(packet);
    }

    // ----- input -----

    /// <summary>
    /// arp_rcv/arp_process: answers requests for our addresses (any of this namespace's, arp_ignore=0
    /// is the weak host model), and learns the sender: a request targeted at us creates a STALE
    /// entry, a reply to us makes the entry REACHABLE.
    /// </summary>
    internal void Receive(NetDevice device, Packet frame)
    {
        var reason = ArpRepr.TryParse(frame.Data, out var arp);
        if (reason != DropReason.None)
        {
            device.Drop(frame, reason, "bad ARP packet");
            return;
        }
        if (frame.Type == PacketType.OtherHost || device.Ip is null || (device.Flags & DeviceFlags.NoArp) != 0)
        {
            device.Drop(frame, DropReason.OtherHost);
            return;
        }
        var sender = arp.SenderProtocolAddress;
        var target = arp.TargetProtocolAddress;
        if (sender.IsMulticast || sender.IsLimitedBroadcast || target.IsMulticast || target.IsLoopback || sender.IsLoopback)
        {
            device.Drop(frame, DropReason.Malformed, "martian ARP");
            return;
        }
        bool isRequest = arp.Operation == ArpOperation.Request;
        bool gratuitous = sender == target;
        if (isRequest && !sender.IsUnspecified && !gratuitous)
        {
            if (_stack.Fib.IsLocalAddress(target) && !ArpIgnore(device, sender, target))
            {
                var entry = Find(device, sender) ?? Create(device, sender);
                Update(entry, arp.SenderHardwareAddress, NudState.Stale, isReply: false);
                SendArp(device, ArpRepr.Reply(device.Address, target, arp.SenderHardwareAddress, sender),
                    arp.SenderHardwareAddress);
                frame.Release();
                return;
            }
            if (ShouldProxy(device, sender, target))
            {
                SendArp(device, ArpRepr.Reply(device.Address, target, arp.SenderHardwareAddress, sender),
                    arp.SenderHardwareAddress);
            }
        }
        if (isRequest && sender.IsUnspecified)
        {
            // Duplicate address detection probe (RFC 5227): answer if the address is ours, learn nothing.
            if (device.Ip.HasAddress(target))
                SendArp(device, ArpRepr.Reply(device.Address, target, arp.SenderHardwareAddress, sender), arp.SenderHardwareAddress);
            frame.Release();
            return;
        }
        var existing = Find(device, sender);
        if (existing != null)
        {
            bool replyToUs = arp.Operation == ArpOperation.Reply && frame.Type == PacketType.Host;
            Update(existing, arp.SenderHardwareAddress, replyToUs ? NudState.Reachable : NudState.Stale, replyToUs);
        }
        frame.Release();
    }

    /// <summary>arp_ignore: 0 answers for any local address; 1 only for addresses on the receiving device; 2 also needs the sender in that subnet.</summary>
    private bool ArpIgnore(NetDevice device, Ipv4Address sender, Ipv4Address target)
    {
        int mode = Math.Max(_stack.AllConf[DevConfKey.ArpIgnore], device.Ip!.Conf[DevConfKey.ArpIgnore]);
        return mode switch
        {
            0 => false,
            1 => !device.Ip.HasAddress(target),
            2 => !device.Ip.Addresses.Any(a => a.Local == target && a.Covers(sender)),
            _ => true,
        };
    }

    /// <summary>Proxy ARP: answer for a target we would route out of a different device.</summary>
    private bool ShouldProxy(NetDevice device, Ipv4Address sender, Ipv4Address target)
    {
        var conf = device.Ip!.Conf;
        if ((_stack.AllConf[DevConfKey.ProxyArp] | conf[DevConfKey.ProxyArp]) == 0) return false;
        if (conf[DevConfKey.Forwarding] == 0) return false;
        var route = _stack.Fib.Lookup(target);
        return route is { Type: Routing.RouteType.Unicast } && route.Device != device;
    }

    /// <summary>neigh_update: records the MAC and new state; a newly valid entry sends what waited.</summary>
    private void Update(NeighbourEntry entry, MacAddress hardwareAddress, NudState state, bool isReply)
    {
        if ((entry.State & (NudState.Permanent | NudState.NoArp)) != 0) return;
        long now = Simulation.Now;
        bool wasValid = (entry.State & NudStates.Valid) != 0;
        bool sameAddress = wasValid && entry.HardwareAddress == hardwareAddress;
        if (state == NudState.Stale && wasValid && sameAddress)
        {
            // Hearing from a neighbour we already know does not downgrade it (no override).
            return;
        }
        entry.HardwareAddress = hardwareAddress;
        SetState(entry, state);
        if (state == NudState.Reachable)
        {
            entry.Confirmed = now;
            entry.Timer.Arm(ReachableTime(entry.Device));
        }
        else
        {
            entry.Timer.Cancel();
        }
        FlushPending(entry);
    }

    private void FlushPending(NeighbourEntry entry)
    {
        while (entry.Pending.Count > 0)
        {
            var packet = entry.Pending.Dequeue();
            Transmit(packet, entry.Device, entry.HardwareAddress);
        }
        entry.PendingBytes = 0;
    }

    private void SetState(NeighbourEntry entry, NudState state)
    {
        entry.State = state;
        entry.Updated = Simulation.Now;
    }

    /// <summary>
    /// The device's reachable time: base_reachable_time scaled by a random factor in [0.5, 1.5)
    /// (neigh_rand_reach_time), drawn once per device from the simulation's generator.
    /// </summary>
    private long ReachableTime(NetDevice device)
    {
        if (!_reachableTime.TryGetValue(device.IfIndex, out long time))
        {
            long baseTime = Millis(device.Ip!.NeighParms.BaseReachableTimeMs);
            time = baseTime / 2 + (long)(Simulation.Random.NextDouble() * baseTime);
            _reachableTime[device.IfIndex] = time;
        }
        return time;
    }

    // ----- administration -----

    /// <summary>ip neigh add/replace: a PERMANENT (or NOARP/REACHABLE/STALE) entry set by hand.</summary>
    public NetlinkError? Set(NetDevice device, Ipv4Address address, MacAddress hardwareAddress, NudState state, bool replace)
    {
        var existing = Find(device, address);
        if (existing != null && !replace) return new NetlinkError(Errno.EEXIST);
        var entry = existing ?? Create(device, address);
        entry.HardwareAddress = hardwareAddress;
        SetState(entry, state);
        entry.Confirmed = Simulation.Now;
        if (state == NudState.Reachable) entry.Timer.Arm(ReachableTime(device));
        else entry.Timer.Cancel();
        FlushPending(entry);
        return null;
    }

    public NetlinkError? Delete(NetDevice device, Ipv4Address address)
    {
        var entry = Find(device, address);
        if (entry is null) return new NetlinkError(Errno.ENOENT);
        Remove(entry);
        return null;
    }

    private void Remove(NeighbourEntry entry)
    {
        entry.Timer.Cancel();
        while (entry.Pending.Count > 0) entry.Device.Drop(entry.Pending.Dequeue(), DropReason.NeighDead);
        _entries.Remove((entry.Device.IfIndex, entry.Address));
    }

    /// <summary><c>ip neigh flush</c>: removes non-permanent entries matching the filter.</summary>
    public int Flush(Func<NeighbourEntry, bool> match)
    {
        var doomed = _entries.Values.Where(e => e.State != NudState.Permanent && e.State != NudState.NoArp && match(e)).ToList();
        foreach (var entry in doomed) Remove(entry);
        return doomed.Count;
    }

    /// <summary>
    /// neigh_ifdown (arp_ifdown): a device going down or away, or losing its last IPv4 address,
    /// loses all its entries, permanent ones too (measured: <c>ip link set DEV down</c> empties them).
    /// </summary>
    internal void DeviceDown(NetDevice device, bool unregister)
    {
        foreach (var entry in _entries.Values.Where(e => e.Device == device).ToList())
            Remove(entry);
        if (unregister) _reachableTime.Remove(device.IfIndex);
    }

    /// <summary>neigh_carrier_down: losing carrier keeps the permanent entries.</summary>
    internal void CarrierDown(NetDevice device)
    {
        foreach (var entry in _entries.Values.Where(e => e.Device == device && e.State != NudState.Permanent).ToList())
            Remove(entry);
    }

    private static long Seconds(int seconds) => seconds * Simulation.Second;
    private static long Millis(int ms) => ms * Simulation.Millisecond;
}
