namespace Simulator.Cli.Commands.Netcat;

/// <summary>netcat-openbsd 1.219-1's usage() and help() texts, as it prints them (measured on Debian bookworm).</summary>
internal static class NetcatUsage
{
    public const string Banner = "OpenBSD netcat (Debian patchlevel 1.219-1)";

    public static readonly string[] Usage =
    [
        "usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]",
        "\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]",
        "\t  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]",
        "\t  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]",
        "\t  [destination] [port]",
    ];

    public static readonly string[] CommandSummary =
    [
        "\tCommand Summary:",
        "\t\t-4\t\tUse IPv4",
        "\t\t-6\t\tUse IPv6",
        "\t\t-b\t\tAllow broadcast",
        "\t\t-C\t\tSend CRLF as line-ending",
        "\t\t-D\t\tEnable the debug socket option",
        "\t\t-d\t\tDetach from stdin",
        "\t\t-F\t\tPass socket fd",
        "\t\t-h\t\tThis help text",
        "\t\t-I length\tTCP receive buffer length",
        "\t\t-i interval\tDelay interval for lines sent, ports scanned",
        "\t\t-k\t\tKeep inbound sockets open for multiple connects",
        "\t\t-l\t\tListen mode, for inbound connects",
        "\t\t-M ttl\t\tOutgoing TTL / Hop Limit",
        "\t\t-m minttl\tMinimum incoming TTL / Hop Limit",
        "\t\t-N\t\tShutdown the network socket after EOF on stdin",
        "\t\t-n\t\tSuppress name/port resolutions",
        "\t\t-O length\tTCP send buffer length",
        "\t\t-P proxyuser\tUsername for proxy authentication",
        "\t\t-p port\t\tSpecify local port for remote connects",
        "\t\t-q secs\t\tquit after EOF on stdin and delay of secs",
        "\t\t-r\t\tRandomize remote ports",
        "\t\t-S\t\tEnable the TCP MD5 signature option",
        "\t\t-s sourceaddr\tLocal source address",
        "\t\t-T keyword\tTOS value",
        "\t\t-t\t\tAnswer TELNET negotiation",
        "\t\t-U\t\tUse UNIX domain socket",
        "\t\t-u\t\tUDP mode",
        "\t\t-V rtable\tSpecify alternate routing table",
        "\t\t-v\t\tVerbose",
        "\t\t-W recvlimit\tTerminate after receiving a number of packets",
        "\t\t-w timeout\tTimeout for connects and final net reads",
        "\t\t-X proto\tProxy protocol: \"4\", \"5\" (SOCKS) or \"connect\"",
        "\t\t-x addr[:port]\tSpecify proxy address and port",
        "\t\t-Z\t\tDCCP mode",
        "\t\t-z\t\tZero-I/O mode [used for scanning]",
        "\tPort numbers can be individual or ranges: lo-hi [inclusive]",
    ];
}
