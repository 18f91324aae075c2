using System.Globalization;
using System.Text;
using Simulator.Cli.Host;
using Simulator.Devices;
using Simulator.Devices.Links;
using Simulator.Devices.Links.Bridge;

namespace Simulator.Cli.Commands.Ip.LinkKinds;

/// <summary>
/// <c>ip link add NAME type bridge [OPTIONS]</c> and <c>ip link set NAME type bridge OPTIONS</c>
/// (iproute2 ip/iplink_bridge.c), and the bridge lines of <c>ip -d link</c>: the "bridge …" line
/// of a bridge (<see cref="Details"/>) and the "bridge_slave …" line of a port
/// (<see cref="SlaveDetails"/>). Options with times take centiseconds, as iproute2's do.
/// </summary>
public sealed class BridgeKind : ILinkKind
{
    public string Kind => "bridge";

    private const string Usage = """
        Usage: ... bridge [ fdb_flush ]
        		  [ forward_delay FORWARD_DELAY ]
        		  [ hello_time HELLO_TIME ]
        		  [ max_age MAX_AGE ]
        		  [ ageing_time AGEING_TIME ]
        		  [ stp_state STP_STATE ]
        		  [ priority PRIORITY ]
        		  [ group_fwd_mask MASK ]
        		  [ group_address ADDRESS ]
        		  [ no_linklocal_learn NO_LINKLOCAL_LEARN ]
        		  [ vlan_filtering VLAN_FILTERING ]
        		  [ vlan_protocol VLAN_PROTOCOL ]
        		  [ vlan_default_pvid VLAN_DEFAULT_PVID ]
        		  [ vlan_stats_enabled VLAN_STATS_ENABLED ]
        		  [ vlan_stats_per_port VLAN_STATS_PER_PORT ]
        		  [ mcast_snooping MULTICAST_SNOOPING ]
        		  [ mcast_vlan_snooping MULTICAST_VLAN_SNOOPING ]
        		  [ mcast_router MULTICAST_ROUTER ]
        		  [ mcast_query_use_ifaddr MCAST_QUERY_USE_IFADDR ]
        		  [ mcast_querier MULTICAST_QUERIER ]
        		  [ mcast_hash_elasticity HASH_ELASTICITY ]
        		  [ mcast_hash_max HASH_MAX ]
        		  [ mcast_last_member_count LAST_MEMBER_COUNT ]
        		  [ mcast_startup_query_count STARTUP_QUERY_COUNT ]
        		  [ mcast_last_member_interval LAST_MEMBER_INTERVAL ]
        		  [ mcast_membership_interval MEMBERSHIP_INTERVAL ]
        		  [ mcast_querier_interval QUERIER_INTERVAL ]
        		  [ mcast_query_interval QUERY_INTERVAL ]
        		  [ mcast_query_response_interval QUERY_RESPONSE_INTERVAL ]
        		  [ mcast_startup_query_interval STARTUP_QUERY_INTERVAL ]
        		  [ mcast_stats_enabled MCAST_STATS_ENABLED ]
        		  [ mcast_igmp_version IGMP_VERSION ]
        		  [ mcast_mld_version MLD_VERSION ]
        		  [ nf_call_iptables NF_CALL_IPTABLES ]
        		  [ nf_call_ip6tables NF_CALL_IP6TABLES ]
        		  [ nf_call_arptables NF_CALL_ARPTABLES ]

        Where: VLAN_PROTOCOL := { 802.1Q | 802.1ad }
        """;

    /// <summary>The options iplink_bridge.c knows that the model does not.</summary>
    private static readonly HashSet<string> Unmodelled =
    [
        "group_fwd_mask", "group_address", "no_linklocal_learn", "vlan_filtering", "vlan_protocol",
        "vlan_default_pvid", "vlan_stats_enabled", "vlan_stats_per_port", "mcast_snooping", "mcast_vlan_snooping",
        "mcast_router", "mcast_query_use_ifaddr", "mcast_querier", "mcast_hash_elasticity", "mcast_hash_max",
        "mcast_last_member_count", "mcast_startup_query_count", "mcast_last_member_interval",
        "mcast_membership_interval", "mcast_querier_interval", "mcast_query_interval",
        "mcast_query_response_interval", "mcast_startup_query_interval", "mcast_stats_enabled",
        "mcast_igmp_version", "mcast_mld_version", "nf_call_iptables", "nf_call_ip6tables", "nf_call_arptables",
    ];

    /// <summary>The parsed options, applied in br_changelink's order.</summary>
    private sealed class Options
    {
        public bool FdbFlush;
        public long? ForwardDelay, HelloTime, MaxAge, AgeingTime;
        public uint? StpState;
        public ushort? Priority;
    }

    /// <summary>Parses the options; null after printing iproute2's complaint (status in <paramref name="status"/>).</summary>
    private static Options? Parse(IReadOnlyList<string> args, Invocation invocation, out int status)
    {
        status = 0;
        var options = new Options();
        for (int i = 0; i < args.Count; i++)
        {
            var word = args[i];
            if (word == "fdb_flush")
            {
                options.FdbFlush = true;
                continue;
            }
            if (word == "help")
            {
                invocation.Err.WriteLine(Usage);
                status = 255;
                return null;
            }
            bool known = word is "forward_delay" or "hello_time" or "max_age" or "ageing_time" or "stp_state" or "priority";
            if (!known && !Unmodelled.Contains(word))
            {
                invocation.Err.WriteLine($"bridge: unknown command \"{word}\"?");
                invocation.Err.WriteLine(Usage);
                status = 1;
                return null;
            }
            if (i + 1 >= args.Count)
            {
                invocation.Err.WriteLine("Command line is not complete. Try option \"help\"");
                status = 255;
                return null;
            }
            var value = args[++i];
            if (!known)
            {
                invocation.Err.WriteLine($"netsim: ip link … type bridge {word}: not modelled (supported: forward_delay, hello_time, max_age, ageing_time, stp_state, priority, fdb_flush)");
                status = 255;
                return null;
            }
            if (!TryParseUnsigned(value, word == "priority" ? ushort.MaxValue : uint.MaxValue, out ulong number))
            {
                invocation.Err.WriteLine($"Error: argument \"{value}\" is wrong: invalid {word}");
                status = 255;
                return null;
            }
            switch (word)
            {
                case "forward_delay": options.ForwardDelay = (long)number; break;
                case "hello_time": options.HelloTime = (long)number; break;
                case "max_age": options.MaxAge = (long)number; break;
                case "ageing_time": options.AgeingTime = (long)number; break;
                case "stp_state": options.StpState = (uint)number; break;
                case "priority": options.Priority = (ushort)number; break;
            }
        }
        return options;
    }

    /// <summary>get_u32/get_u16: strtoul with base 0 (decimal, 0x hex, 0 octal), whole string, in range.</summary>
    private static bool TryParseUnsigned(string text, ulong max, out ulong value)
    {
        value = 0;
        var s = text;
        int radix = 10;
        if (s.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) { radix = 16; s = s[2..]; }
        else if (s.Length > 1 && s[0] == '0') { radix = 8; s = s[1..]; }
        if (s.Length == 0) return false;
        foreach (char c in s)
        {
            int d = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetter(c) ? char.ToLowerInvariant(c) - 'a' + 10 : 99;
            if (d >= radix) return false;
            value = value * (ulong)radix + (ulong)d;
            if (value > max) return false;
        }
        return true;
    }

    /// <summary>br_changelink: applies the options; an out-of-range time is ERANGE and stops there.</summary>
    private static NetlinkError? Apply(BridgeDevice bridge, Options options)
    {
        if (options.ForwardDelay is { } fd && bridge.SetForwardDelay(fd) is { } e1) return e1;
        if (options.HelloTime is { } hello && bridge.SetHelloTime(hello) is { } e2) return e2;
        if (options.MaxAge is { } maxAge && bridge.SetMaxAge(maxAge) is { } e3) return e3;
        if (options.AgeingTime is { } ageing) bridge.SetAgeingTime(ageing);
        if (options.StpState is { } stp) bridge.SetStpEnabled(stp != 0);
        if (options.Priority is { } priority) bridge.SetPriority(priority);
        if (options.FdbFlush) bridge.Fdb.Flush();
        return null;
    }

    public int Create(LinkAddRequest request, IReadOnlyList<string> kindArguments, Invocation invocation)
    {
        var options = Parse(kindArguments, invocation, out int status);
        if (options is null) return status;
        var ns = request.Namespace;
        var name = request.Name ?? ns.AllocateName("bridge%d");
        if (ns.FindDevice(name) != null)
        {
            invocation.Err.WriteLine(new NetlinkError(Errno.EEXIST).ToString());
            return 2;
        }
        bool addressGiven = request.Address.IsValid;
        var bridge = new BridgeDevice(invocation.World, name, addressGiven ? request.Address : invocation.World.RandomMac(),
            addressSetByUser: addressGiven);
        // br_dev_newlink applies the options before the device is registered; a refusal undoes it.
        if (Apply(bridge, options) is { } error)
        {
            invocation.Err.WriteLine(error.ToString());
            return 2;
        }
        if (request.Mtu is { } mtu) bridge.Mtu = mtu;
        if (request.TxQueueLength is { } qlen) bridge.TxQueueLength = qlen;
        ns.Add(bridge);
        if (request.Up) bridge.SetUp();
        return 0;
    }

    public int Change(NetDevice device, IReadOnlyList<string> kindArguments, Invocation invocation)
    {
        if (device is not BridgeDevice bridge)
        {
            invocation.Err.WriteLine(new NetlinkError(Errno.ENOTSUP).ToString());
            return 2;
        }
        var options = Parse(kindArguments, invocation, out int status);
        if (options is null) return status;
        if (Apply(bridge, options) is { } error)
        {
            invocation.Err.WriteLine(error.ToString());
            return 2;
        }
        return 0;
    }

    /// <summary>
    /// bridge_print_opt: the "bridge …" line of <c>ip -d link show</c>, each attribute followed by a blank.
    /// Multicast snooping is not modelled (multicast floods, as on a bridge with no querier); the
    /// mcast_* values shown are the kernel's defaults, which nothing in the model changes.
    /// </summary>
    public string? Details(NetDevice device)
    {
        if (device is not BridgeDevice bridge) return null;
        var text = new StringBuilder("bridge");
        void Add(string name, object value) => text.Append(' ').Append(name).Append(' ').Append(
            Convert.ToString(value, CultureInfo.InvariantCulture));
        Add("forward_delay", BridgeTime.ToClockT(bridge.ForwardDelay));
        Add("hello_time", BridgeTime.ToClockT(bridge.HelloTime));
        Add("max_age", BridgeTime.ToClockT(bridge.MaxAge));
        Add("ageing_time", BridgeTime.ToClockT(bridge.AgeingTime));
        Add("stp_state", (int)bridge.StpEnabled);
        Add("priority", bridge.BridgeId.Priority);
        Add("vlan_filtering", 0);
        Add("bridge_id", bridge.BridgeId.ToIprouteString());
        Add("designated_root", bridge.DesignatedRoot.ToIprouteString());
        Add("root_port", bridge.RootPort);
        Add("root_path_cost", bridge.RootPathCost);
        Add("topology_change", bridge.TopologyChange ? 1 : 0);
        Add("topology_change_detected", bridge.TopologyChangeDetected ? 1 : 0);
        Add("hello_timer", Timer(bridge.HelloTimerRemaining));
        Add("tcn_timer", Timer(bridge.TcnTimerRemaining));
        Add("topology_change_timer", Timer(bridge.TopologyChangeTimerRemaining));
        Add("gc_timer", Timer(bridge.GcTimerRemaining));
        text.Append(" group_fwd_mask 0 group_address 01:80:c2:00:00:00 mcast_snooping 1 no_linklocal_learn 0 " +
                    "mcast_vlan_snooping 0 mcast_router 1 mcast_query_use_ifaddr 0 mcast_querier 0 mcast_hash_elasticity 16 " +
                    "mcast_hash_max 4096 mcast_last_member_count 2 mcast_startup_query_count 2 mcast_last_member_interval 100 " +
                    "mcast_membership_interval 26000 mcast_querier_interval 25500 mcast_query_interval 12500 " +
                    "mcast_query_response_interval 1000 mcast_startup_query_interval 3124 mcast_stats_enabled 0 " +
                    "mcast_igmp_version 2 mcast_mld_version 1 nf_call_iptables 0 nf_call_ip6tables 0 nf_call_arptables 0 ");
        return text.ToString();
    }

    /// <summary>
    /// bridge_slave_print_opt: the "bridge_slave …" line <c>ip -d link show</c> prints for a
    /// bridge port (after its own kind's line), each attribute followed by a blank; null for
    /// devices that are not bridge ports.
    /// </summary>
    public string? SlaveDetails(NetDevice device)
    {
        if (BridgeDevice.PortOfDevice(device) is not { } port) return null;
        string OnOff(bool on) => on ? "on" : "off";
        return
            $"bridge_slave state {port.State.Name()} priority {port.Priority} cost {port.PathCost} " +
            $"hairpin {OnOff(port.Hairpin)} guard off root_block off fastleave off " +
            $"learning {OnOff((port.Flags & PortFlags.Learning) != 0)} flood {OnOff((port.Flags & PortFlags.Flood) != 0)} " +
            $"port_id 0x{port.PortId:x} port_no 0x{port.PortNo:x} designated_port {port.DesignatedPort} " +
            $"designated_cost {port.DesignatedCost} designated_bridge {port.DesignatedBridge.ToIprouteString()} " +
            $"designated_root {port.DesignatedRoot.ToIprouteString()} hold_timer {Timer(port.HoldTimerRemaining)} " +
            $"message_age_timer {Timer(port.MessageAgeTimerRemaining)} forward_delay_timer {Timer(port.ForwardDelayTimerRemaining)} " +
            $"topology_change_ack {(port.TopologyChangeAck ? 1 : 0)} config_pending {(port.ConfigPending ? 1 : 0)} " +
            "proxy_arp off proxy_arp_wifi off mcast_router 1 mcast_fast_leave off mcast_flood on bcast_flood on " +
            "mcast_to_unicast off neigh_suppress off group_fwd_mask 0 group_fwd_mask_str 0x0 vlan_tunnel off " +
            $"isolated {OnOff(port.Isolated)} locked off ";
    }

    /// <summary>iproute2 prints bridge timers as "%7.2f" seconds of the clock_t value.</summary>
    private static string Timer(long nanoseconds) =>
        string.Create(CultureInfo.InvariantCulture, $"{BridgeTime.ToClockT(nanoseconds) / 100.0,7:F2}");
}
