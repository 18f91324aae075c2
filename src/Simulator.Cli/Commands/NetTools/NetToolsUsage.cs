namespace Simulator.Cli.Commands.NetTools;

/// <summary>
/// The usage texts of net-tools 2.10, captured from the Debian package. Asked for with -h they
/// go to stdout, after an error to stderr; the lists of hardware types and address families
/// (print_hwlist, print_aflist) always go to stderr.
/// </summary>
internal static class NetToolsUsage
{
    public const string Version = "net-tools 2.10";

    private const string AfFeatures = "AF: (inet) +UNIX +INET +INET6 +IPX +AX25 +NETROM +X25 +ATALK +ECONET +ROSE -BLUETOOTH";
    private const string HwFeatures = " +ETHER +ARC +SLIP +PPP +TUNNEL -TR +AX25 +NETROM +X25 +FR +ROSE +ASH +SIT +FDDI +HIPPI +HDLC/LAPB +EUI64 ";

    /// <summary>route -V.</summary>
    public static readonly string[] RouteVersion =
        [Version, "+NEW_ADDRT +RTF_IRTT +RTF_REJECT +I18N +SELINUX", AfFeatures, "HW: " + HwFeatures];

    /// <summary>netstat -V.</summary>
    public static readonly string[] NetstatVersion =
    [
        Version, "Fred Baumgarten, Alan Cox, Bernd Eckenfels, Phil Blundell, Tuan Hoang, Brian Micek and others",
        "+NEW_ADDRT +RTF_IRTT +RTF_REJECT +FW_MASQUERADE +I18N +SELINUX", AfFeatures, "HW: " + HwFeatures,
    ];

    /// <summary>arp -V.</summary>
    public static readonly string[] ArpVersion = [Version, "+I18N +SELINUX", AfFeatures, "HW: (ether)" + HwFeatures];

    /// <summary>E_USAGE, the status a usage error ends with.</summary>
    public const int UsageStatus = 3;

    private static readonly string[] AllHardwareTypes =
    [
        "    loop (Local Loopback) slip (Serial Line IP) cslip (VJ Serial Line IP) ",
        "    slip6 (6-bit Serial Line IP) cslip6 (VJ 6-bit Serial Line IP) adaptive (Adaptive Serial Line IP) ",
        "    ash (Ash) ether (Ethernet) ax25 (AMPR AX.25) ",
        "    netrom (AMPR NET/ROM) rose (AMPR ROSE) tunnel (IPIP Tunnel) ",
        "    ppp (Point-to-Point Protocol) hdlc ((Cisco)-HDLC) lapb (LAPB) ",
        "    arcnet (ARCnet) dlci (Frame Relay DLCI) frad (Frame Relay Access Device) ",
        "    sit (IPv6-in-IPv4) fddi (Fiber Distributed Data Interface) hippi (HIPPI) ",
        "    irda (IrLAP) ec (Econet) x25 (generic X.25) ",
        "    eui64 (Generic EUI-64) ",
    ];

    private static readonly string[] AllAddressFamilies =
    [
        "    unix (UNIX Domain) inet (DARPA Internet) inet6 (IPv6) ",
        "    ax25 (AMPR AX.25) netrom (AMPR NET/ROM) rose (AMPR ROSE) ",
        "    ipx (Novell IPX) ddp (Appletalk DDP) ec (Econet) ",
        "    ash (Ash) x25 (CCITT X.25) ",
    ];

    private static readonly string[] RoutableAddressFamilies =
    [
        "    inet (DARPA Internet) inet6 (IPv6) ax25 (AMPR AX.25) ",
        "    netrom (AMPR NET/ROM) rose (AMPR ROSE) ipx (Novell IPX) ",
        "    ddp (Appletalk DDP) x25 (CCITT X.25) ",
    ];

    private static readonly string[] ArpHardwareTypes =
    [
        "    ash (Ash) ether (Ethernet) ax25 (AMPR AX.25) ",
        "    netrom (AMPR NET/ROM) rose (AMPR ROSE) arcnet (ARCnet) ",
        "    dlci (Frame Relay DLCI) fddi (Fiber Distributed Data Interface) hippi (HIPPI) ",
        "    irda (IrLAP) x25 (generic X.25) eui64 (Generic EUI-64) ",
    ];

    public static void Ifconfig(TextWriter main, TextWriter err)
    {
        main.Write("""
            Usage:
              ifconfig [-a] [-v] [-s] <interface> [[<AF>] <address>]
              [add <address>[/<prefixlen>]]
              [del <address>[/<prefixlen>]]
              [[-]broadcast [<address>]]  [[-]pointopoint [<address>]]
              [netmask <address>]  [dstaddr <address>]  [tunnel <address>]
              [outfill <NN>] [keepalive <NN>]
              [hw <HW> <address>]  [mtu <NN>]
              [[-]trailers]  [[-]arp]  [[-]allmulti]
              [multicast]  [[-]promisc]
              [mem_start <NN>]  [io_addr <NN>]  [irq <NN>]  [media <type>]
              [txqueuelen <NN>]
              [name <newname>]
              [[-]dynamic]
              [up|down] ...

              <HW>=Hardware Type.
              List of possible hardware types:

            """);
        Lines(err, AllHardwareTypes);
        main.WriteLine("  <AF>=Address family. Default: inet");
        main.WriteLine("  List of possible address families:");
        Lines(err, AllAddressFamilies);
    }

    public static void Route(TextWriter main, TextWriter err)
    {
        main.Write("""
            Usage: route [-nNvee] [-FC] [<AF>]           List kernel routing tables
                   route [-v] [-FC] {add|del|flush} ...  Modify routing table for AF.

                   route {-h|--help} [<AF>]              Detailed usage syntax for specified AF.
                   route {-V|--version}                  Display version/author and exit.

                    -v, --verbose            be verbose
                    -n, --numeric            don't resolve names
                    -e, --extend             display other/more information
                    -F, --fib                display Forwarding Information Base (default)
                    -C, --cache              display routing cache instead of FIB

              <AF>=Use -4, -6, '-A <af>' or '--<af>'; default: inet
              List of possible address families (which support routing):

            """);
        Lines(err, RoutableAddressFamilies);
    }

    /// <summary>The usage of the inet part of route (lib/inet_sr.c).</summary>
    public static void InetRoute(TextWriter main) => main.Write("""
        Usage: inet_route [-vF] del {-host|-net} Target[/prefix] [gw Gw] [metric M] [[dev] If]
               inet_route [-vF] add {-host|-net} Target[/prefix] [gw Gw] [metric M]
                                      [netmask N] [mss Mss] [window W] [irtt I]
                                      [mod] [dyn] [reinstate] [[dev] If]
               inet_route [-vF] add {-host|-net} Target[/prefix] [metric M] reject
               inet_route [-FC] flush      NOT supported

        """);

    public static void Netstat(TextWriter main, TextWriter err)
    {
        main.Write("""
            usage: netstat [-vWeenNcCF] [<Af>] -r         netstat {-V|--version|-h|--help}
                   netstat [-vWnNcaeol] [<Socket> ...]
                   netstat { [-vWeenNac] -i | [-cnNe] -M | -s [-6tuw] }

                    -r, --route              display routing table
                    -i, --interfaces         display interface table
                    -g, --groups             display multicast group memberships
                    -s, --statistics         display networking statistics (like SNMP)
                    -M, --masquerade         display masqueraded connections

                    -v, --verbose            be verbose
                    -W, --wide               don't truncate IP addresses
                    -n, --numeric            don't resolve names
                    --numeric-hosts          don't resolve host names
                    --numeric-ports          don't resolve port names
                    --numeric-users          don't resolve user names
                    -N, --symbolic           resolve hardware names
                    -e, --extend             display other/more information
                    -p, --programs           display PID/Program name for sockets
                    -o, --timers             display timers
                    -c, --continuous         continuous listing

                    -l, --listening          display listening server sockets
                    -a, --all                display all sockets (default: connected)
                    -F, --fib                display Forwarding Information Base (default)
                    -C, --cache              display routing cache instead of FIB
                    -Z, --context            display SELinux security context for sockets

              <Socket>={-t|--tcp} {-u|--udp} {-U|--udplite} {-S|--sctp} {-w|--raw}
                       {-x|--unix} --ax25 --ipx --netrom
              <AF>=Use '-6|-4' or '-A <af>' or '--<af>'; default: inet
              List of possible address families (which support routing):

            """);
        Lines(err, RoutableAddressFamilies);
    }

    public static void Arp(TextWriter main, TextWriter err)
    {
        main.Write("""
            Usage:
              arp [-vn]  [<HW>] [-i <if>] [-a] [<hostname>]             <-Display ARP cache
              arp [-v]          [-i <if>] -d  <host> [pub]               <-Delete ARP entry
              arp [-vnD] [<HW>] [-i <if>] -f  [<filename>]            <-Add entry from file
              arp [-v]   [<HW>] [-i <if>] -s  <host> <hwaddr> [temp]            <-Add entry
              arp [-v]   [<HW>] [-i <if>] -Ds <host> <if> [netmask <nm>] pub          <-''-

                    -a                       display (all) hosts in alternative (BSD) style
                    -e                       display (all) hosts in default (Linux) style
                    -s, --set                set a new ARP entry
                    -d, --delete             delete a specified entry
                    -v, --verbose            be verbose
                    -n, --numeric            don't resolve names
                    -i, --device             specify network interface (e.g. eth0)
                    -D, --use-device         read <hwaddr> from given device
                    -A, -p, --protocol       specify protocol family
                    -f, --file               read new entries from file or from /etc/ethers

              <HW>=Use '-H <hw>' to specify hardware address type. Default: ether
              List of possible hardware types (which support ARP):

            """);
        Lines(err, ArpHardwareTypes);
    }

    public static void Lines(TextWriter writer, string[] lines)
    {
        foreach (var line in lines) writer.WriteLine(line);
    }
}
