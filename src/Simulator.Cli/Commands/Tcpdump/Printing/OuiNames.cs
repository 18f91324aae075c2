namespace Simulator.Cli.Commands.Tcpdump.Printing;

/// <summary>
/// tcpdump's own short table of organisationally unique identifiers (oui_values), which it names
/// after a MAC address when it may resolve names: <c>00:00:0c:01:02:03 (oui Cisco)</c>, else
/// <c>(oui Unknown)</c>. The entries are those tcpdump 4.99.3 printed for every OUI starting
/// 00 or 08 and for the others its source lists (measured).
/// </summary>
internal static class OuiNames
{
    private static readonly Dictionary<uint, string> Names = new()
    {
        [0x000000] = "Ethernet",
        [0x00000c] = "Cisco",
        [0x00005e] = "IANA",
        [0x000081] = "Nortel Networks SONMP",
        [0x0000f8] = "Cisco bridged",
        [0x00049f] = "Freescale",
        [0x0004ea] = "HP-Labs",
        [0x001018] = "Broadcom",
        [0x00120f] = "IEEE 802.3 Private",
        [0x0012bb] = "ANSI/TIA",
        [0x0015ad] = "Netronome",
        [0x001b21] = "DCBX",
        [0x002320] = "Nicira Networks",
        [0x002481] = "HP",
        [0x0080c2] = "Ethernet bridged",
        [0x009069] = "Juniper",
        [0x00a03e] = "ATM Forum",
        [0x00e004] = "PMC-Sierra",
        [0x00e02f] = "DOCSIS Spanning Tree",
        [0x080007] = "Appletalk",
        [0x080009] = "Hewlett-Packard",
        [0x5c16c7] = "Big Switch Networks",
        [0x748771] = "Infoblox Inc",
        [0xa42305] = "Open Networking Lab",
        [0xb0d2f5] = "Vello Systems",
        [0xd0f0db] = "Ericsson",
    };

    public static string Name(uint oui) => Names.GetValueOrDefault(oui, "Unknown");
}
