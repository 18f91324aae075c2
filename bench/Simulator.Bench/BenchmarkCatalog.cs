namespace Simulator.Bench;

/// <summary>Every benchmark netsim-bench knows: name, what it measures, and how to run it for N seconds.</summary>
public static class BenchmarkCatalog
{
    public static List<(string Name, string Description, Action<double> Run)> All() =>
    [
        ("engine", "events per second through the event queue (1,024 in flight)", EngineBenchmark.Run),
        ("echo-chain", "ICMP echo round trips per second across 4 router namespaces; bytes allocated per forwarded packet", EchoChainBenchmark.Run),
        ("nf-forward", "forwarded packets per second: no firewall, empty filter table, FORWARD with 1,000 non-matching rules + 1 match", ForwardChainBenchmark.Run),
        ("nf-nat-lookup", "NAT lookups (conntrack + rewrite) per second with 100,000 tracked connections", NatLookupBenchmark.Run),
        ("bridge-forward", "frames per second through one bridge with 64 ports and 1,000 learned addresses", BridgeForwardBenchmark.Run),
        ("bridge-lan", "1,000 hosts on one bridge each pinging its neighbour 100 times (ARP included): wall time, frame-hops, memory", BridgeLanBenchmark.Run),
    ];
}
