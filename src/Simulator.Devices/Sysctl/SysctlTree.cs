using System.Globalization;
using Simulator.Devices.Ipv4;
using Simulator.Devices.Namespaces;

namespace Simulator.Devices.Sysctl;

/// <summary>
/// A namespace's /proc/sys/net as named settings ("net.ipv4.ip_forward"): what both the
/// sysctl command and reads and writes of /proc/sys files go through.
/// </summary>
public sealed class SysctlTree(NetworkNamespace ns)
{
    /// <summary>Values written to unmodelled settings; the others read as the shared defaults.</summary>
    private readonly Dictionary<string, string> _unmodelledWritten = new(StringComparer.Ordinal);

    private Ipv4Stack Ipv4 => ns.Ipv4;

    /// <summary>Accepts dotted or slashed names ("net/ipv4/ip_forward"), as sysctl does.</summary>
    public static string Normalize(string name) => name.Replace('/', '.').Trim('.');

    /// <summary>True when the setting exists but NetSim does not model its effect.</summary>
    public bool IsUnmodelled(string name) => UnmodelledSysctls.Defaults.ContainsKey(Normalize(name));

    public bool TryRead(string name, out string value)
    {
        name = Normalize(name);
        value = "";
        if (_unmodelledWritten.TryGetValue(name, out var stored) || UnmodelledSysctls.Defaults.TryGetValue(name, out stored))
        {
            value = stored;
            return true;
        }
        if (!TryResolve(name, out var setting)) return false;
        value = setting.Read();
        return true;
    }

    /// <summary>Writes a setting; ENOENT when it does not exist, EINVAL when the value is refused.</summary>
    public Errno? Write(string name, string value)
    {
        name = Normalize(name);
        value = value.Trim();
        if (UnmodelledSysctls.Defaults.ContainsKey(name))
        {
            _unmodelledWritten[name] = value;
            return null;
        }
        if (!TryResolve(name, out var setting)) return Errno.ENOENT;
        return setting.Write(value) ? null : Errno.EINVAL;
    }

    /// <summary>Every setting under <paramref name="prefix"/>, sorted as sysctl -a lists them.</summary>
    public IEnumerable<string> Names(string prefix = "")
    {
        prefix = Normalize(prefix);
        return AllNames().Where(n => prefix.Length == 0 || n == prefix || n.StartsWith(prefix + ".", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
    }

    /// <summary>True for a directory under /proc/sys (a prefix of some setting).</summary>
    public bool IsDirectory(string name)
    {
        name = Normalize(name);
        return name.Length == 0 || AllNames().Any(n => n.StartsWith(name + ".", StringComparison.Ordinal));
    }

    private IEnumerable<string> AllNames()
    {
        foreach (var name in UnmodelledSysctls.Defaults.Keys) yield return name;
        foreach (var name in GlobalIpv4.Keys) yield return "net.ipv4." + name;
        foreach (var name in Tcp.Keys) yield return "net.ipv4." + name;
        foreach (var name in Conntrack.Keys) yield return "net.netfilter.nf_conntrack_" + name;
        if (ns.IsInitial) yield return "net.netfilter.nf_log_all_netns";
        yield return BridgeCallIptables;
        yield return "net.ipv4.ip_forward";
        var confTargets = new List<string> { "all", "default" };
        confTargets.AddRange(ns.Devices.Where(d => d.Ip != null).Select(d => d.Name));
        foreach (var target in confTargets)
            foreach (var key in DevConfKeys.All)
                yield return $"net.ipv4.conf.{target}.{DevConfKeys.Name(key)}";
        var neighTargets = new List<string> { "default" };
        neighTargets.AddRange(ns.Devices.Where(d => d.Ip != null).Select(d => d.Name));
        foreach (var target in neighTargets)
            foreach (var key in NeighKeys.Keys)
                yield return $"net.ipv4.neigh.{target}.{key}";
    }

    private bool TryResolve(string name, out Setting setting)
    {
        setting = default;
        if (name == "net.ipv4.ip_forward")
        {
            setting = new Setting(() => Ipv4.AllConf[DevConfKey.Forwarding].ToString(CultureInfo.InvariantCulture),
                v => WriteInt(v, Ipv4.SetAllForwarding));
            return true;
        }
        const string conntrackPrefix = "net.netfilter.nf_conntrack_";
        if (name.StartsWith(conntrackPrefix, StringComparison.Ordinal) && Conntrack.TryGetValue(name[conntrackPrefix.Length..], out var ct))
        {
            setting = ct(ns.Firewall);
            return true;
        }
        if (name == "net.netfilter.nf_log_all_netns" && ns.IsInitial)
        {
            setting = IntSetting(() => ns.Firewall.LogAllNetns, x => ns.Firewall.LogAllNetns = x, 0, 1);
            return true;
        }
        if (name == BridgeCallIptables)
        {
            // brnf_sysctl_call_tables: any number is taken, and stored as 0 or 1.
            setting = new Setting(() => ns.Firewall.BridgeCallIptables.ToString(CultureInfo.InvariantCulture),
                v => WriteInt(v, x => ns.Firewall.BridgeCallIptables = x != 0 ? 1 : 0));
            return true;
        }
        var parts = name.Split('.');
        if (parts.Length == 3 && parts[0] == "net" && parts[1] == "ipv4" && GlobalIpv4.TryGetValue(parts[2], out var global))
        {
            setting = global(Ipv4.Settings);
            return true;
        }
        if (parts.Length == 3 && parts[0] == "net" && parts[1] == "ipv4" && Tcp.TryGetValue(parts[2], out var tcp))
        {
            setting = tcp(Ipv4.Sockets.Tcp.Settings);
            return true;
        }
        if (parts.Length == 5 && parts[0] == "net" && parts[1] == "ipv4" && parts[2] == "conf" && DevConfKeys.TryParse(parts[4], out var key))
            return TryResolveConf(parts[3], key, out setting);
        if (parts.Length == 5 && parts[0] == "net" && parts[1] == "ipv4" && parts[2] == "neigh" && NeighKeys.TryGetValue(parts[4], out var neighKey))
        {
            var parms = parts[3] == "default" ? Ipv4.DefaultNeighParms : ns.FindDevice(parts[3])?.Ip?.NeighParms;
            if (parms is null) return false;
            setting = neighKey(parms);
            return true;
        }
        return false;
    }

    private bool TryResolveConf(string target, DevConfKey key, out Setting setting)
    {
        setting = default;
        DevConf? conf = target switch
        {
            "all" => Ipv4.AllConf,
            "default" => Ipv4.DefaultConf,
            _ => ns.FindDevice(target)?.Ip?.Conf,
        };
        if (conf is null) return false;
        string Read() => conf[key].ToString(CultureInfo.InvariantCulture);
        if (key == DevConfKey.Forwarding && target == "all")
            setting = new Setting(Read, v => WriteInt(v, Ipv4.SetAllForwarding));
        else
            setting = new Setting(Read, v => WriteInt(v, x => conf[key] = x));
        return true;
    }

    /// <summary>br_netfilter's switch for bridged IPv4 through the iptables chains (per namespace since Linux 5.3).</summary>
    private const string BridgeCallIptables = "net.bridge.bridge-nf-call-iptables";

    private static bool WriteInt(string value, Action<int> store)
    {
        if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int parsed)) return false;
        store(parsed);
        return true;
    }

    private static Setting IntSetting(Func<int> read, Action<int> write, int min = int.MinValue, int max = int.MaxValue) =>
        new(() => read().ToString(CultureInfo.InvariantCulture),
            v => int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int x) && x >= min && x <= max && Do(() => write(x)));

    private static bool Do(Action action)
    {
        action();
        return true;
    }

    /// <summary>Two integers separated by white space, shown separated by a tab.</summary>
    private static Setting PairSetting(Func<(int, int)> read, Func<int, int, bool> write) =>
        new(() => $"{read().Item1}\t{read().Item2}",
            v =>
            {
                var parts = v.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                return parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out int a) &&
                       int.TryParse(parts[1], CultureInfo.InvariantCulture, out int b) && write(a, b);
            });

    private static readonly Dictionary<string, Func<Ipv4Settings, Setting>> GlobalIpv4 = new(StringComparer.Ordinal)
    {
        ["ip_default_ttl"] = s => IntSetting(() => s.DefaultTtl, x => s.DefaultTtl = x, 1, 255),
        ["icmp_echo_ignore_all"] = s => IntSetting(() => s.IcmpEchoIgnoreAll, x => s.IcmpEchoIgnoreAll = x, 0, 1),
        ["icmp_echo_ignore_broadcasts"] = s => IntSetting(() => s.IcmpEchoIgnoreBroadcasts, x => s.IcmpEchoIgnoreBroadcasts = x, 0, 1),
        ["icmp_ignore_bogus_error_responses"] = s => IntSetting(() => s.IcmpIgnoreBogusErrorResponses, x => s.IcmpIgnoreBogusErrorResponses = x, 0, 1),
        ["icmp_errors_use_inbound_ifaddr"] = s => IntSetting(() => s.IcmpErrorsUseInboundIfaddr, x => s.IcmpErrorsUseInboundIfaddr = x, 0, 1),
        ["icmp_ratelimit"] = s => IntSetting(() => s.IcmpRatelimit, x => s.IcmpRatelimit = x, 0),
        ["icmp_ratemask"] = s => IntSetting(() => s.IcmpRatemask, x => s.IcmpRatemask = x),
        ["icmp_msgs_per_sec"] = s => IntSetting(() => s.IcmpMsgsPerSec, x => s.IcmpMsgsPerSec = x, 0),
        ["icmp_msgs_burst"] = s => IntSetting(() => s.IcmpMsgsBurst, x => s.IcmpMsgsBurst = x, 0),
        ["ip_nonlocal_bind"] = s => IntSetting(() => s.IpNonlocalBind, x => s.IpNonlocalBind = x, 0, 1),
        // ipv4_local_port_range: low must not be below ip_unprivileged_port_start (1024), nor above high.
        ["ip_local_port_range"] = s => PairSetting(() => (s.LocalPortRangeLow, s.LocalPortRangeHigh),
            (a, b) => a >= 1024 && b >= a && b <= 65535 && Do(() => (s.LocalPortRangeLow, s.LocalPortRangeHigh) = (a, b))),
        ["ping_group_range"] = s => PairSetting(() => (s.PingGroupRangeLow, s.PingGroupRangeHigh),
            (a, b) => Do(() => (s.PingGroupRangeLow, s.PingGroupRangeHigh) = (a, b))),
    };

    /// <summary>net.ipv4.tcp_*: the TCP settings the model acts on, with the kernel's limits (MAX_TCP_SYNCNT 127, u8 fields).</summary>
    private static readonly Dictionary<string, Func<Ipv4.Sockets.Tcp.TcpSettings, Setting>> Tcp = new(StringComparer.Ordinal)
    {
        ["tcp_fin_timeout"] = t => IntSetting(() => t.FinTimeout, x => t.FinTimeout = x),
        ["tcp_retries2"] = t => IntSetting(() => t.Retries2, x => t.Retries2 = x, 0, 255),
        ["tcp_rmem"] = t => new Setting(() => $"{t.RmemMin}\t{t.RmemDefault}\t{t.RmemMax}", v =>
        {
            // proc_dointvec_minmax on the array: the values given replace the first ones.
            var parts = v.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var values = new[] { t.RmemMin, t.RmemDefault, t.RmemMax };
            if (parts.Length is 0 or > 3) return false;
            for (int i = 0; i < parts.Length; i++)
                if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out values[i]) || values[i] < 1) return false;
            (t.RmemMin, t.RmemDefault, t.RmemMax) = (values[0], values[1], values[2]);
            return true;
        }),
        ["tcp_sack"] = t => IntSetting(() => t.Sack, x => t.Sack = x, 0, 255),
        ["tcp_syn_linear_timeouts"] = t => IntSetting(() => t.SynLinearTimeouts, x => t.SynLinearTimeouts = x, 0, 127),
        ["tcp_syn_retries"] = t => IntSetting(() => t.SynRetries, x => t.SynRetries = x, 1, 127),
        ["tcp_synack_retries"] = t => IntSetting(() => t.SynackRetries, x => t.SynackRetries = x, 0, 255),
        ["tcp_timestamps"] = t => IntSetting(() => t.Timestamps, x => t.Timestamps = x, 0, 255),
        ["tcp_window_scaling"] = t => IntSetting(() => t.WindowScaling, x => t.WindowScaling = x, 0, 255),
    };

    /// <summary>net.netfilter.nf_conntrack_*: the settings the connection tracker acts on (seconds for timeouts).</summary>
    private static readonly Dictionary<string, Func<Netfilter.NamespaceFirewall, Setting>> Conntrack = new(StringComparer.Ordinal)
    {
        ["count"] = f => new Setting(() => f.Connections.Count.ToString(CultureInfo.InvariantCulture), _ => false),
        ["generic_timeout"] = f => IntSetting(() => f.Connections.Settings.GenericTimeout, x => f.Connections.Settings.GenericTimeout = x, 0),
        ["icmp_timeout"] = f => IntSetting(() => f.Connections.Settings.IcmpTimeout, x => f.Connections.Settings.IcmpTimeout = x, 0),
        ["max"] = f => IntSetting(() => f.Connections.Settings.Max, x => f.Connections.Settings.Max = x, 0),
        ["tcp_loose"] = f => IntSetting(() => f.Connections.Settings.TcpLoose, x => f.Connections.Settings.TcpLoose = x, 0, 1),
        ["tcp_timeout_close"] = f => IntSetting(() => f.Connections.Settings.TcpTimeoutClose, x => f.Connections.Settings.TcpTimeoutClose = x, 0),
        ["tcp_timeout_close_wait"] = f => IntSetting(() => f.Connections.Settings.TcpTimeoutCloseWait, x => f.Connections.Settings.TcpTimeoutCloseWait = x, 0),
        ["tcp_timeout_established"] = f => IntSetting(() => f.Connections.Settings.TcpTimeoutEstablished, x => f.Connections.Settings.TcpTimeoutEstablished = x, 0),
        ["tcp_timeout_fin_wait"] = f => IntSetting(() => f.Connections.Settings.TcpTimeoutFinWait, x => f.Connections.Settings.TcpTimeoutFinWait = x, 0),
        ["tcp_timeout_last_ack"] = f => IntSetting(() => f.Connections.Settings.TcpTimeoutLastAck, x => f.Connections.Settings.TcpTimeoutLastAck = x, 0),
        ["tcp_timeout_syn_recv"] = f => IntSetting(() => f.Connections.Settings.TcpTimeoutSynRecv, x => f.Connections.Settings.TcpTimeoutSynRecv = x, 0),
        ["tcp_timeout_syn_sent"] = f => IntSetting(() => f.Connections.Settings.TcpTimeoutSynSent, x => f.Connections.Settings.TcpTimeoutSynSent = x, 0),
        ["tcp_timeout_time_wait"] = f => IntSetting(() => f.Connections.Settings.TcpTimeoutTimeWait, x => f.Connections.Settings.TcpTimeoutTimeWait = x, 0),
        ["tcp_timeout_unacknowledged"] = f => IntSetting(() => f.Connections.Settings.TcpTimeoutUnacknowledged, x => f.Connections.Settings.TcpTimeoutUnacknowledged = x, 0),
        ["udp_timeout"] = f => IntSetting(() => f.Connections.Settings.UdpTimeout, x => f.Connections.Settings.UdpTimeout = x, 0),
        ["udp_timeout_stream"] = f => IntSetting(() => f.Connections.Settings.UdpTimeoutStream, x => f.Connections.Settings.UdpTimeoutStream = x, 0),
    };

    private static readonly Dictionary<string, Func<NeighParms, Setting>> NeighKeys = new(StringComparer.Ordinal)
    {
        ["anycast_delay"] = p => IntSetting(() => p.AnycastDelay, x => p.AnycastDelay = x, 0),
        ["app_solicit"] = p => IntSetting(() => p.AppSolicit, x => p.AppSolicit = x, 0),
        ["base_reachable_time_ms"] = p => IntSetting(() => p.BaseReachableTimeMs, x => p.BaseReachableTimeMs = x, 0),
        ["delay_first_probe_time"] = p => IntSetting(() => p.DelayFirstProbeTime, x => p.DelayFirstProbeTime = x, 0),
        ["gc_stale_time"] = p => IntSetting(() => p.GcStaleTime, x => p.GcStaleTime = x, 0),
        ["interval_probe_time_ms"] = p => IntSetting(() => p.IntervalProbeTimeMs, x => p.IntervalProbeTimeMs = x, 1),
        ["locktime"] = p => IntSetting(() => p.Locktime, x => p.Locktime = x, 0),
        ["mcast_resolicit"] = p => IntSetting(() => p.McastResolicit, x => p.McastResolicit = x, 0),
        ["mcast_solicit"] = p => IntSetting(() => p.McastSolicit, x => p.McastSolicit = x, 0),
        ["proxy_delay"] = p => IntSetting(() => p.ProxyDelay, x => p.ProxyDelay = x, 0),
        ["proxy_qlen"] = p => IntSetting(() => p.ProxyQlen, x => p.ProxyQlen = x, 0),
        ["retrans_time_ms"] = p => IntSetting(() => p.RetransTimeMs, x => p.RetransTimeMs = x, 0),
        ["ucast_solicit"] = p => IntSetting(() => p.UcastSolicit, x => p.UcastSolicit = x, 0),
        ["unres_qlen"] = p => IntSetting(() => p.UnresQlen, x => p.UnresQlen = x, 0),
        ["unres_qlen_bytes"] = p => IntSetting(() => p.UnresQlenBytes, x => p.UnresQlenBytes = x, 0),
    };

    private readonly record struct Setting(Func<string> Read, Func<string, bool> Write);
}
