using Simulator.Cli.Commands.Iptables.Extensions;
using Simulator.Core.Addressing;
using Simulator.Netfilter.Matches;

namespace Simulator.Cli.Commands.Iptables;

/// <summary>An iptables command line once read: the command, its chain and numbers, and the rule it describes.</summary>
internal sealed class ParsedCommand
{
    public Command Command { get; set; }
    public string Table { get; set; } = "filter";
    public string? Chain { get; set; }

    /// <summary>The rule number given (1-based), or 0.</summary>
    public int RuleNumber { get; set; }

    public string? NewName { get; set; }
    public string? Policy { get; set; }
    public OptionFlags Options { get; set; }
    public int Verbose { get; set; }

    /// <summary>-h or -V: print this and stop.</summary>
    public string? Information { get; set; }

    // The rule.
    public IpInversions Inversions { get; set; }
    public byte Protocol { get; set; }
    public InterfacePattern InInterface { get; set; }
    public InterfacePattern OutInterface { get; set; }
    public bool Fragment { get; set; }
    public List<(Ipv4Address Address, Ipv4Address Mask)> Sources { get; set; } = [(Ipv4Address.Any, Ipv4Address.Any)];
    public List<(Ipv4Address Address, Ipv4Address Mask)> Destinations { get; set; } = [(Ipv4Address.Any, Ipv4Address.Any)];
    public List<MatchExtension> Matches { get; } = [];
    public string? JumpTo { get; set; }
    public bool IsGoto { get; set; }
    public TargetExtension? Target { get; set; }
    public ulong? Packets { get; set; }
    public ulong? Bytes { get; set; }

    public bool Has(OptionFlags option) => (Options & option) != 0;
}
