using Simulator.Core.Addressing;
using Simulator.Core.Engine;

namespace Simulator.Devices.Outside;

/// <summary>
/// The internet a scenario gets unless it says otherwise: the public addresses and names the
/// seeds use, so that their commands find what they found. TTLs and round trips are chosen so
/// that what ping prints reads as in the seeds (seen from a namespace behind the host, two
/// forwarding hops after the path: the gateway and the host):
/// <list type="table">
/// <item><term>114.114.114.114</term><description>DNS (114DNS); TTL 128 − 10 hops; 7 ms.</description></item>
/// <item><term>223.5.5.5</term><description>DNS (AliDNS); TTL 128 − 9 hops, seen as 117 (seed 004); 2 ms.</description></item>
/// <item><term>8.8.8.8</term><description>DNS (Google); TTL 128 − 10 hops; 35 ms.</description></item>
/// <item><term>14.119.104.254</term><description>www.a.shifen.com (www.baidu.com's CNAME); TTL 64 − 11 hops, seen as 51 (seed 001); 9.4 ms.</description></item>
/// <item><term>47.88.251.173</term><description>xjp-adns.aliyun.com.gds.alibabadns.com (www.aliyun.com's CNAME); TTL 64 − 30 hops, seen as 32 (seed 004); 74 ms.</description></item>
/// </list>
/// Seed 003's replies from 114.114.114.114 carry TTLs that jump between 66 and 95 (an anycast
/// service); one steady value is modelled.
/// </summary>
public static class DefaultInternet
{
    public static IReadOnlyList<InternetHostSpec> Hosts { get; } =
    [
        new(Ipv4Address.Parse("114.114.114.114"), "114dns", 128, 10, 7 * Simulation.Millisecond, ServesDns: true),
        new(Ipv4Address.Parse("223.5.5.5"), "alidns", 128, 9, 2 * Simulation.Millisecond, ServesDns: true),
        new(Ipv4Address.Parse("8.8.8.8"), "google-dns", 128, 10, 35 * Simulation.Millisecond, ServesDns: true),
        new(Ipv4Address.Parse("14.119.104.254"), "www.a.shifen.com", 64, 11, 9_400 * Simulation.Microsecond),
        new(Ipv4Address.Parse("47.88.251.173"), "xjp-adns.aliyun.com.gds.alibabadns.com", 64, 30, 74 * Simulation.Millisecond),
    ];

    /// <summary>Adds the default names to <paramref name="zone"/>: the seeds' CNAME chains and their addresses.</summary>
    public static void AddNames(DnsZone zone)
    {
        zone.AddAlias("www.baidu.com", "www.a.shifen.com");
        zone.AddAddress("www.a.shifen.com", Ipv4Address.Parse("14.119.104.254"));
        zone.AddAlias("www.aliyun.com", "xjp-adns.aliyun.com.gds.alibabadns.com");
        zone.AddAddress("xjp-adns.aliyun.com.gds.alibabadns.com", Ipv4Address.Parse("47.88.251.173"));
        zone.AddAddress("dns.google", Ipv4Address.Parse("8.8.8.8"));
        zone.AddAddress("public1.114dns.com", Ipv4Address.Parse("114.114.114.114"));
        zone.AddAddress("public1.alidns.com", Ipv4Address.Parse("223.5.5.5"));
    }
}
