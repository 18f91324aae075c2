using System.Text;
using Simulator.Cli.Commands.Iptables.Extensions;
using Simulator.Cli.Commands.Iptables.NameServices;
using Simulator.Netfilter;
using Simulator.Netfilter.Matches;
using Simulator.Netfilter.Tables;
using Simulator.Netfilter.Targets;

namespace Simulator.Cli.Commands.Iptables;

/// <summary>
/// Carries out a parsed command on one table (a working copy the caller commits when this
/// returns), writing listings and -v messages to stdout. Failures are thrown as
/// <see cref="TableFailure"/> or <see cref="IptablesError"/>.
/// </summary>
internal sealed class CommandExecutor(Table table, NameService names, TextWriter stdout)
{
    public void Execute(ParsedCommand command, RuleParseState state)
    {
        string chain = command.Chain ?? "";
        bool verbose = command.Verbose > 0;
        switch (command.Command)
        {
            case Command.Append:
                foreach (var rule in BuildRules(command, state))
                {
                    Echo(rule, verbose);
                    Apply(table.Append(chain, rule), "RULE_APPEND", chain);
                }
                break;
            case Command.Insert:
                foreach (var rule in BuildRules(command, state))
                {
                    Echo(rule, verbose);
                    Apply(table.Insert(chain, command.RuleNumber, rule), "RULE_INSERT", chain, "Index of insertion too big");
                }
                break;
            case Command.Replace:
                foreach (var rule in BuildRules(command, state))
                {
                    Echo(rule, verbose);
                    Apply(table.Replace(chain, command.RuleNumber, rule), "RULE_REPLACE", chain, "Index of replacement too big");
                }
                break;
            case Command.Delete:
                foreach (var rule in BuildRules(command, state))
                {
                    Echo(rule, verbose);
                    Apply(table.Delete(chain, rule), "RULE_DELETE", chain);
                }
                break;
            case Command.DeleteNumber:
                Apply(table.Delete(chain, command.RuleNumber), "RULE_DELETE", chain, "Index of deletion too big");
                break;
            case Command.Check:
                foreach (var rule in BuildRules(command, state))
                {
                    Apply(table.Check(chain, rule), "RULE_CHECK", chain);
                    Echo(rule, verbose);
                }
                break;
            case Command.Flush:
                Flush(command.Chain, verbose);
                break;
            case Command.Zero:
                Zero(command.Chain, verbose);
                break;
            case Command.ZeroNumber:
                Apply(table.Zero(chain, command.RuleNumber), "RULE_RESET", chain);
                break;
            case Command.NewChain:
                Apply(table.NewChain(chain), "CHAIN_USER_ADD", chain, ruleSubject: false);
                break;
            case Command.DeleteChain:
                DeleteChain(command.Chain, verbose);
                break;
            case Command.RenameChain:
                var renamed = table.RenameChain(chain, command.NewName!);
                if (renamed.Error == TableError.ChainExists) throw TableFailure.Userspace("File exists");
                Apply(renamed, "CHAIN_RENAME", chain, ruleSubject: false);
                break;
            case Command.SetPolicy:
                var policy = command.Policy switch
                {
                    "ACCEPT" => ChainPolicy.Accept,
                    "DROP" => ChainPolicy.Drop,
                    _ => throw TableFailure.Userspace("Bad policy name", invalidArgument: true),
                };
                Apply(table.SetPolicy(chain, policy), "CHAIN_UPDATE", chain, ruleSubject: false);
                break;
            default:
                if ((command.Command & Command.List) != 0) List(command);
                else if ((command.Command & Command.ListRules) != 0) ListRules(command);
                else throw IptablesError.Parameter("no command specified");
                break;
        }
    }

    private static void Apply(TableResult result, string operation, string chain, string? indexMessage = null,
        bool ruleSubject = true)
    {
        if (!result.Ok) throw TableFailure.From(result, operation, chain, indexMessage, ruleSubject);
    }

    private void Echo(Rule rule, bool verbose)
    {
        if (!verbose) return;
        var text = new StringBuilder();
        RuleFormat.AppendEchoLine(rule, names, text);
        stdout.Write(text.ToString());
    }

    /// <summary>The rule(s) the command line describes: one per source × destination address.</summary>
    private List<Rule> BuildRules(ParsedCommand command, RuleParseState state)
    {
        var matches = MergeNativeMatches(command.Matches.Select(m => m.Build(state)));
        ITarget? target = null;
        if (command.Target is not null)
        {
            target = command.Target.Build(state);
        }
        else if (command.JumpTo is { } name)
        {
            if (table.FindChain(name) is null) throw IptablesError.ParameterAtCommit($"Chain '{name}' does not exist");
            target = new JumpTarget(name, command.IsGoto);
        }

        var ip = IpPacketMatch.Any with
        {
            Protocol = command.Protocol,
            InInterface = command.InInterface,
            OutInterface = command.OutInterface,
            FragmentsOnly = command.Fragment,
            Inversions = command.Inversions,
        };
        var counters = new PacketCounters(command.Packets ?? 0, command.Bytes ?? 0);
        var rules = new List<Rule>();
        foreach (var (source, sourceMask) in command.Sources)
        {
            foreach (var (destination, destinationMask) in command.Destinations)
            {
                var specific = ip.WithSource(source, sourceMask).WithDestination(destination, destinationMask);
                rules.Add(new Rule(specific, matches, target, counters));
            }
        }
        return rules;
    }

    /// <summary>
    /// iptables-nft turns tcp and udp port and flag tests into native expressions, and reads
    /// them back into one tcp (or udp) match where the first was: "-m tcp --dport 22 -m tcp
    /// --sport 5" is listed, saved and compared as one match. A later test of the same field wins.
    /// </summary>
    private static List<IMatch> MergeNativeMatches(IEnumerable<IMatch> built)
    {
        var result = new List<IMatch>();
        int tcpIndex = -1, udpIndex = -1;
        foreach (var match in built)
        {
            switch (match)
            {
                case TcpMatch { HasTests: true } tcp when tcpIndex >= 0:
                    result[tcpIndex] = Merge((TcpMatch)result[tcpIndex], tcp);
                    break;
                case TcpMatch { HasTests: true }:
                    tcpIndex = result.Count;
                    result.Add(match);
                    break;
                case UdpMatch { HasTests: true } udp when udpIndex >= 0:
                    var first = (UdpMatch)result[udpIndex];
                    result[udpIndex] = new UdpMatch(
                        IsSet(udp.SourcePorts, udp.InvertSource) ? udp.SourcePorts : first.SourcePorts,
                        IsSet(udp.SourcePorts, udp.InvertSource) ? udp.InvertSource : first.InvertSource,
                        IsSet(udp.DestinationPorts, udp.InvertDestination) ? udp.DestinationPorts : first.DestinationPorts,
                        IsSet(udp.DestinationPorts, udp.InvertDestination) ? udp.InvertDestination : first.InvertDestination);
                    break;
                case UdpMatch { HasTests: true }:
                    udpIndex = result.Count;
                    result.Add(match);
                    break;
                default:
                    result.Add(match);
                    break;
            }
        }
        return result;
    }

    private static bool IsSet(PortRange range, bool invert) => !range.IsAll || invert;

    private static TcpMatch Merge(TcpMatch first, TcpMatch next)
    {
        bool source = IsSet(next.SourcePorts, next.InvertSource);
        bool destination = IsSet(next.DestinationPorts, next.InvertDestination);
        bool flags = next.FlagMask != 0 || next.InvertFlags;
        return new TcpMatch(
            source ? next.SourcePorts : first.SourcePorts, source ? next.InvertSource : first.InvertSource,
            destination ? next.DestinationPorts : first.DestinationPorts, destination ? next.InvertDestination : first.InvertDestination)
        {
            FlagMask = flags ? next.FlagMask : first.FlagMask,
            FlagCompare = flags ? next.FlagCompare : first.FlagCompare,
            InvertFlags = flags ? next.InvertFlags : first.InvertFlags,
        };
    }

    private void Flush(string? chain, bool verbose)
    {
        if (verbose)
        {
            // A verbose flush of all chains first creates the table and its built-in chains.
            if (chain is null) table.CreateBuiltinChains();
            foreach (var name in chain is null ? table.Chains.Select(c => c.Name) : [chain])
                stdout.Write($"Flushing chain `{name}'\n");
        }
        Apply(table.Flush(chain), "RULE_DELETE", chain ?? "");
    }

    private void Zero(string? chain, bool verbose)
    {
        var result = table.Zero(chain);
        if (verbose && result.Ok && table.Exists)
        {
            foreach (var name in chain is null ? table.Chains.Select(c => c.Name) : [chain])
                stdout.Write($"Zeroing chain `{name}'\n");
        }
        Apply(result, "CHAIN_ZERO", chain ?? "");
    }

    private void DeleteChain(string? chain, bool verbose)
    {
        if (chain is null)
        {
            if (verbose)
                foreach (var user in table.UserChains) stdout.Write($"Deleting chain `{user.Name}'\n");
            Apply(table.DeleteChains(), "CHAIN_DEL", "", ruleSubject: false);
            return;
        }
        if (verbose && table.FindChain(chain) is { IsBuiltin: false }) stdout.Write($"Deleting chain `{chain}'\n");
        Apply(table.DeleteChain(chain), "CHAIN_DEL", chain, ruleSubject: false);
    }

    private Chain[] ChainsToList(string? chain)
    {
        if (chain is null) return [.. table.Chains];
        return [table.FindChain(chain)
                ?? throw IptablesError.Other($"chain `{chain}' in table `{table.Name}' is incompatible, use 'nft' tool.")];
    }

    private void List(ParsedCommand command)
    {
        var options = new ListOptions(command.Has(OptionFlags.Numeric), command.Verbose > 0,
            command.Has(OptionFlags.Expanded), command.Has(OptionFlags.LineNumbers));
        var text = new StringBuilder();
        bool first = true;
        foreach (var chain in ChainsToList(command.Chain))
        {
            if (!first) text.Append('\n');
            first = false;
            if (command.RuleNumber == 0) RuleFormat.AppendHeader(table, chain, options, text);
            for (int i = 0; i < chain.Rules.Count; i++)
            {
                if (command.RuleNumber == 0 || command.RuleNumber == i + 1)
                    RuleFormat.AppendListLine(chain.Rules[i], i + 1, options, names, text);
            }
        }
        stdout.Write(text.ToString());
        ZeroAfterListing(command);
    }

    private void ListRules(ParsedCommand command)
    {
        var chains = ChainsToList(command.Chain);
        bool counters = command.Verbose > 0;
        var text = new StringBuilder();
        if (command.RuleNumber > 0)
        {
            var chain = chains[0];
            if (command.RuleNumber <= chain.Rules.Count)
                text.Append(RuleFormat.SaveLine(chain.Name, chain.Rules[command.RuleNumber - 1], names, counters)).Append('\n');
        }
        else
        {
            foreach (var chain in chains.Where(c => c.IsBuiltin))
            {
                text.Append("-P ").Append(chain.Name).Append(' ').Append(chain.Policy == ChainPolicy.Drop ? "DROP" : "ACCEPT");
                if (counters) text.Append(" -c ").Append(chain.PolicyCounters.Packets).Append(' ').Append(chain.PolicyCounters.Bytes);
                text.Append('\n');
            }
            foreach (var chain in chains.Where(c => !c.IsBuiltin)) text.Append("-N ").Append(chain.Name).Append('\n');
            foreach (var chain in chains)
                foreach (var rule in chain.Rules)
                    text.Append(RuleFormat.SaveLine(chain.Name, rule, names, counters)).Append('\n');
        }
        stdout.Write(text.ToString());
        ZeroAfterListing(command);
    }

    private void ZeroAfterListing(ParsedCommand command)
    {
        if ((command.Command & Command.Zero) != 0) Zero(command.Chain, command.Verbose > 0);
        if ((command.Command & Command.ZeroNumber) != 0)
            Apply(table.Zero(command.Chain ?? "", command.RuleNumber), "RULE_RESET", command.Chain ?? "");
    }
}
