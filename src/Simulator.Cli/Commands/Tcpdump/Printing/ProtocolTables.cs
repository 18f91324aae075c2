namespace Simulator.Cli.Commands.Tcpdump.Printing;

/// <summary>
/// tcpdump 4.99.3's names for EtherTypes and IP protocols, and which of them it has a printer
/// for. Measured: a frame of every EtherType from 0x0600 and a datagram of every IP protocol,
/// printed with -e, -n and -v.
/// </summary>
internal static class ProtocolTables
{
    /// <summary>ethertype_values: the name in <c>ethertype NAME (0x0800)</c>.</summary>
    private static readonly Dictionary<ushort, string> EtherTypeNames = new()
    {
        [0x0600] = "NS", [0x0707] = "GeoNet (old)", [0x0800] = "IPv4", [0x0806] = "ARP",
        [0x1000] = "Trail", [0x1111] = "CALM FAST", [0x6001] = "MOP DL", [0x6002] = "MOP RC",
        [0x6003] = "DN", [0x6004] = "LAT", [0x6007] = "SCA", [0x6558] = "TEB",
        [0x8035] = "Reverse ARP", [0x8038] = "Lanbridge", [0x803c] = "DEC DNS", [0x803e] = "DEC DTS",
        [0x805b] = "VEXP", [0x805c] = "VPROD", [0x809b] = "Appletalk", [0x80f3] = "Appletalk ARP",
        [0x8100] = "802.1Q", [0x8137] = "IPX", [0x86dd] = "IPv6", [0x8808] = "MPCP",
        [0x8809] = "Slow Protocols", [0x880b] = "PPP", [0x8847] = "MPLS unicast", [0x8848] = "MPLS multicast",
        [0x8863] = "PPPoE D", [0x8864] = "PPPoE S", [0x886f] = "MS NLB heartbeat", [0x888e] = "EAPOL",
        [0x8899] = "Realtek protocols", [0x88a2] = "AoE", [0x88a8] = "802.1Q-QinQ", [0x88ca] = "TIPC",
        [0x88cc] = "LLDP", [0x88e5] = "802.1AE MACsec", [0x88f7] = "PTP", [0x8902] = "CFM",
        [0x893a] = "IEEE1905.1", [0x8947] = "GeoNet", [0x894f] = "NSH", [0x9000] = "Loopback",
        [0x9100] = "802.1Q-9100", [0x9200] = "802.1Q-9200", [0xabcd] = "CFM (old)",
        [0xd28b] = "Arista Vendor Specific Protocol", [0xfefe] = "OSI",
    };

    /// <summary>Types tcpdump names but has no printer for: it dumps their bytes, as for unknown ones.</summary>
    private static readonly HashSet<ushort> NamedOnly =
    [
        0x0600, 0x1000, 0x6001, 0x6002, 0x6004, 0x6007, 0x6558, 0x8038, 0x803c, 0x803e, 0x805b, 0x805c, 0x893a,
    ];

    /// <summary>The 802.1Q-style tags ether_print steps over.</summary>
    public static bool IsVlanTag(ushort type) => type is 0x8100 or 0x88a8 or 0x9100 or 0x9200;

    public static string? EtherTypeName(ushort type) => EtherTypeNames.GetValueOrDefault(type);

    /// <summary>True when tcpdump would decode this EtherType with a printer the model does not have.</summary>
    public static bool EtherTypeNotModelled(ushort type) =>
        EtherTypeNames.ContainsKey(type) && !NamedOnly.Contains(type)
        && type is not (0x0800 or 0x0806 or 0x8035) && !IsVlanTag(type);

    /// <summary>ipproto_values: the name in -v's <c>proto ICMP (1)</c>; others read "unknown".</summary>
    private static readonly Dictionary<byte, string> IpProtocolNames = new()
    {
        [0] = "Options", [1] = "ICMP", [2] = "IGMP", [4] = "IPIP", [6] = "TCP", [8] = "EGP", [9] = "IGRP",
        [17] = "UDP", [33] = "DCCP", [41] = "IPv6", [43] = "Routing", [44] = "Fragment", [46] = "RSVP",
        [47] = "GRE", [50] = "ESP", [51] = "AH", [55] = "Mobile IP", [58] = "ICMPv6", [62] = "Mobile IP (old)",
        [88] = "EIGRP", [89] = "OSPF", [103] = "PIM", [108] = "Compressed IP", [112] = "VRRP", [113] = "PGM",
        [132] = "SCTP", [135] = "Mobility", [143] = "Ethernet",
    };

    public static string IpProtocolName(byte protocol) => IpProtocolNames.GetValueOrDefault(protocol, "unknown");

    /// <summary>The IP protocols ip_demux_print has a printer for; the rest print as <c>ip-proto-N LEN</c>.</summary>
    private static readonly HashSet<byte> TcpdumpPrintsIpProtocol =
        [1, 2, 4, 6, 8, 9, 17, 33, 41, 46, 47, 50, 51, 55, 58, 59, 77, 88, 89, 103, 108, 112, 113, 132, 143];

    /// <summary>True when tcpdump would decode this IP protocol with a printer the model does not have.</summary>
    public static bool IpProtocolNotModelled(byte protocol) =>
        TcpdumpPrintsIpProtocol.Contains(protocol) && protocol is not (1 or 6 or 17);

    /// <summary>
    /// tcpdump's compiled-in IANA protocol names (netdb_protoname), printed without -n for a later
    /// fragment or a protocol it has no printer for; protocols 0 to 142, then 253 to 255 (measured).
    /// </summary>
    private static readonly string?[] NetdbNames =
    [
        "hopopt", "icmp", "igmp", "ggp", "ipencap", "st", "tcp", "cbt",
        "egp", "igp", "bbn-rcc-mon", "nvp-ii", "pup", "argus", "emcon", "xnet",
        "chaos", "udp", "mux", "dcn-meas", "hmp", "prm", "xns-idp", "trunk-1",
        "trunk-2", "leaf-1", "leaf-2", "rdp", "irtp", "iso-tp4", "netblt", "mfe-nsp",
        "merit-inp", "dccp", "3pc", "idpr", "xtp", "ddp", "idpr-cmtp", "tp++",
        "il", "ipv6", "sdrp", "ipv6-route", "ipv6-frag", "idrp", "rsvp", "gre",
        "dsr", "bna", "esp", "ah", "i-nlsp", "swipe", "narp", "mobile",
        "tlsp", "skip", "ipv6-icmp", "ipv6-nonxt", "ipv6-opts", null, "cftp", null,
        "sat-expak", "kryptolan", "rvd", "ippc", null, "sat-mon", "visa", "ipcv",
        "cpnx", "rspf", "wsn", "pvp", "br-sat-mon", "sun-nd", "wb-mon", "wb-expak",
        "iso-ip", "vmtp", "secure-vmtp", "vines", "ttp", "nsfnet-igp", "dgp", "tcf",
        "eigrp", "ospf", "sprite-rpc", "larp", "mtp", "ax.25", "ipip", "micp",
        "scc-sp", "etherip", "encap", null, "gmtp", "ifmp", "pnni", "pim",
        "aris", "scps", "qnx", "a/n", "ipcomp", "snp", "compaq-peer", "ipx-in-ip",
        "vrrp", "pgm", null, "l2tp", "ddx", "iatp", "stp", "srp",
        "uti", "smp", "sm", "ptp", "isis", "fire", "crtp", "crudp",
        "sscopmce", "iplt", "sps", "pipe", "sctp", "fc", "rsvp-e2e-ignore", "mobility-header",
        "udplite", "mpls-in-ip", "manet", "hip", "shim6", "wesp", "rohc",
    ];

    public static string? NetdbProtocolName(byte protocol) => protocol switch
    {
        < 143 => NetdbNames[protocol],
        253 or 254 => $"exptest-{protocol}",
        255 => "reserved",
        _ => null,
    };
}
