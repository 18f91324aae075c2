namespace Simulator.Devices.Sysctl;

/// <summary>
/// The per-interface IPv4 settings under net.ipv4.conf.{all,default,DEV} (the kernel's
/// <c>IPV4_DEVCONF_*</c>), with their kernel names and defaults.
/// </summary>
public enum DevConfKey
{
    AcceptLocal, AcceptRedirects, AcceptSourceRoute, ArpAccept, ArpAnnounce, ArpEvictNocarrier,
    ArpFilter, ArpIgnore, ArpNotify, BcForwarding, BootpRelay, DisablePolicy, DisableXfrm,
    DropGratuitousArp, DropUnicastInL2Multicast, ForceIgmpVersion, Forwarding,
    Igmpv2UnsolicitedReportInterval, Igmpv3UnsolicitedReportInterval, IgnoreRoutesWithLinkdown,
    LogMartians, McForwarding, MediumId, PromoteSecondaries, ProxyArp, ProxyArpPvlan,
    RouteLocalnet, RpFilter, SecureRedirects, SendRedirects, SharedMedia, SrcValidMark, Tag,
}

public static class DevConfKeys
{
    public static readonly int Count = Enum.GetValues<DevConfKey>().Length;

    private static readonly (DevConfKey Key, string Name, int Default, bool Modelled)[] Table =
    [
        (DevConfKey.AcceptLocal, "accept_local", 0, true),
        (DevConfKey.AcceptRedirects, "accept_redirects", 1, false),
        (DevConfKey.AcceptSourceRoute, "accept_source_route", 1, false),
        (DevConfKey.ArpAccept, "arp_accept", 0, false),
        (DevConfKey.ArpAnnounce, "arp_announce", 0, true),
        (DevConfKey.ArpEvictNocarrier, "arp_evict_nocarrier", 1, false),
        (DevConfKey.ArpFilter, "arp_filter", 0, false),
        (DevConfKey.ArpIgnore, "arp_ignore", 0, true),
        (DevConfKey.ArpNotify, "arp_notify", 0, false),
        (DevConfKey.BcForwarding, "bc_forwarding", 0, false),
        (DevConfKey.BootpRelay, "bootp_relay", 0, false),
        (DevConfKey.DisablePolicy, "disable_policy", 0, false),
        (DevConfKey.DisableXfrm, "disable_xfrm", 0, false),
        (DevConfKey.DropGratuitousArp, "drop_gratuitous_arp", 0, false),
        (DevConfKey.DropUnicastInL2Multicast, "drop_unicast_in_l2_multicast", 0, false),
        (DevConfKey.ForceIgmpVersion, "force_igmp_version", 0, false),
        (DevConfKey.Forwarding, "forwarding", 0, true),
        (DevConfKey.Igmpv2UnsolicitedReportInterval, "igmpv2_unsolicited_report_interval", 10000, false),
        (DevConfKey.Igmpv3UnsolicitedReportInterval, "igmpv3_unsolicited_report_interval", 1000, false),
        (DevConfKey.IgnoreRoutesWithLinkdown, "ignore_routes_with_linkdown", 0, false),
        (DevConfKey.LogMartians, "log_martians", 0, false),
        (DevConfKey.McForwarding, "mc_forwarding", 0, false),
        (DevConfKey.MediumId, "medium_id", 0, false),
        (DevConfKey.PromoteSecondaries, "promote_secondaries", 0, true),
        (DevConfKey.ProxyArp, "proxy_arp", 0, true),
        (DevConfKey.ProxyArpPvlan, "proxy_arp_pvlan", 0, false),
        (DevConfKey.RouteLocalnet, "route_localnet", 0, false),
        (DevConfKey.RpFilter, "rp_filter", 0, true),
        (DevConfKey.SecureRedirects, "secure_redirects", 1, false),
        (DevConfKey.SendRedirects, "send_redirects", 1, true),
        (DevConfKey.SharedMedia, "shared_media", 1, true),
        (DevConfKey.SrcValidMark, "src_valid_mark", 0, false),
        (DevConfKey.Tag, "tag", 0, false),
    ];

    private static readonly Dictionary<string, DevConfKey> ByName = Table.ToDictionary(t => t.Name, t => t.Key);

    public static string Name(DevConfKey key) => Table[(int)key].Name;
    public static int Default(DevConfKey key) => Table[(int)key].Default;
    /// <summary>False for settings NetSim stores but whose effect it does not model.</summary>
    public static bool IsModelled(DevConfKey key) => Table[(int)key].Modelled;
    public static bool TryParse(string name, out DevConfKey key) => ByName.TryGetValue(name, out key);
    public static IEnumerable<DevConfKey> All => Table.Select(t => t.Key);
}
