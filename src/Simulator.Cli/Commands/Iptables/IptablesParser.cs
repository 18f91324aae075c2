using System.Globalization;
using Simulator.Cli.Commands.Iptables.Extensions;
using Simulator.Cli.Commands.Iptables.NameServices;
using Simulator.Netfilter.Matches;

namespace Simulator.Cli.Commands.Iptables;

/// <summary>
/// Reads an iptables command line the way iptables 1.8.9 does (xshared.c do_parse): getopt_long
/// over iptables' options and those of the extensions as they are loaded, '!' as a word of its
/// own before the option it negates, then the checks made once all options are read, in the
/// same order, so the same mistake gets the same message.
/// </summary>
internal sealed class IptablesParser
{
    /// <summary>iptables' optstring, less the ebtables/arptables-only letters.</summary>
    private const string ShortOptions = "-:A:C:D:R:I:L::S::M:F::Z::N:X::E:P:Vh::o:p:s:d:j:i:fvw::W::nt:m:xc:g:46";

    private static readonly LongOption[] BaseOptions =
    [
        new("append", ArgumentKind.Required, 'A'),
        new("delete", ArgumentKind.Required, 'D'),
        new("check", ArgumentKind.Required, 'C'),
        new("insert", ArgumentKind.Required, 'I'),
        new("replace", ArgumentKind.Required, 'R'),
        new("list", ArgumentKind.Optional, 'L'),
        new("list-rules", ArgumentKind.Optional, 'S'),
        new("flush", ArgumentKind.Optional, 'F'),
        new("zero", ArgumentKind.Optional, 'Z'),
        new("new-chain", ArgumentKind.Required, 'N'),
        new("delete-chain", ArgumentKind.Optional, 'X'),
        new("rename-chain", ArgumentKind.Required, 'E'),
        new("policy", ArgumentKind.Required, 'P'),
        new("source", ArgumentKind.Required, 's'),
        new("destination", ArgumentKind.Required, 'd'),
        new("src", ArgumentKind.Required, 's'),
        new("dst", ArgumentKind.Required, 'd'),
        new("protocol", ArgumentKind.Required, 'p'),
        new("in-interface", ArgumentKind.Required, 'i'),
        new("jump", ArgumentKind.Required, 'j'),
        new("table", ArgumentKind.Required, 't'),
        new("match", ArgumentKind.Required, 'm'),
        new("numeric", ArgumentKind.None, 'n'),
        new("out-interface", ArgumentKind.Required, 'o'),
        new("verbose", ArgumentKind.None, 'v'),
        new("wait", ArgumentKind.Optional, 'w'),
        new("wait-interval", ArgumentKind.Optional, 'W'),
        new("exact", ArgumentKind.None, 'x'),
        new("fragments", ArgumentKind.None, 'f'),
        new("version", ArgumentKind.None, 'V'),
        new("help", ArgumentKind.Optional, 'h'),
        new("line-numbers", ArgumentKind.None, '0'),
        new("modprobe", ArgumentKind.Required, 'M'),
        new("set-counters", ArgumentKind.Required, 'c'),
        new("goto", ArgumentKind.Required, 'g'),
        new("ipv4", ArgumentKind.None, '4'),
        new("ipv6", ArgumentKind.None, '6'),
    ];

    /// <summary>XT_EXTENSION_MAXNAMELEN: chain and target names must be shorter.</summary>
    public const int MaxNameLength = 29;

    private readonly NameService _names;
    private readonly string _program;
    private readonly bool _restore;
    private readonly RuleParseState _state;
    private readonly ParsedCommand _result = new();
    private readonly HashSet<string> _mergedMatchOptions = new(StringComparer.Ordinal);
    private Getopt _getopt = null!;
    private bool _invert;
    private bool _protocolMatchUsed;
    private string? _protocolText;
    private string? _sourceText, _destinationText;

    private IptablesParser(NameService names, TextWriter warnings, string program, bool restore)
    {
        _names = names;
        _program = program;
        _restore = restore;
        _state = new RuleParseState(names, warnings);
    }

    /// <param name="args">The arguments after the program name.</param>
    /// <param name="names">Name lookups.</param>
    /// <param name="warnings">Where warnings go (stderr).</param>
    /// <param name="program">iptables or iptables-restore.</param>
    /// <param name="table">The table iptables-restore is loading, where -t is not allowed.</param>
    public static (ParsedCommand Command, RuleParseState State) Parse(IReadOnlyList<string> args, NameService names,
        TextWriter warnings, string program = "iptables", string? table = null)
    {
        var parser = new IptablesParser(names, warnings, program, table is not null);
        if (table is not null) parser._result.Table = table;
        parser.Run([program, .. args]);
        return (parser._result, parser._state);
    }

    private void Run(string[] argv)
    {
        _getopt = new Getopt(argv, ShortOptions);
        _getopt.LongOptions.AddRange(BaseOptions);
        _state.TakeNextArgument = () => _getopt.HasArgument ? NextArgument() : null;

        while (true)
        {
            var option = _getopt.Next();
            if (option.Code == GetoptResult.End) break;
            if (!Handle(option)) continue;
            if (_result.Information is not null) return;
            _invert = false;
        }
        AfterOptions(argv);
    }

    /// <summary>One option; false when the invert flag must survive to the next one.</summary>
    private bool Handle(GetoptResult option)
    {
        string? argument = option.Argument;
        if (option.Long?.Owner is not null) return HandleExtensionOption(option);

        switch (option.Code)
        {
            case 'A':
                AddCommand(Command.Append, Command.None);
                _result.Chain = argument;
                break;
            case 'C':
                AddCommand(Command.Check, Command.None);
                _result.Chain = argument;
                break;
            case 'D':
                AddCommand(Command.Delete, Command.None);
                _result.Chain = argument;
                if (_getopt.HasArgument)
                {
                    _result.RuleNumber = ParseRuleNumber(NextArgument());
                    _result.Command = Command.DeleteNumber;
                }
                break;
            case 'R':
                AddCommand(Command.Replace, Command.None);
                _result.Chain = argument;
                if (!_getopt.HasArgument) throw IptablesError.Parameter("-R requires a rule number");
                _result.RuleNumber = ParseRuleNumber(NextArgument());
                break;
            case 'I':
                AddCommand(Command.Insert, Command.None);
                _result.Chain = argument;
                _result.RuleNumber = _getopt.HasArgument ? ParseRuleNumber(NextArgument()) : 1;
                break;
            case 'L':
                AddCommand(Command.List, Command.Zero | Command.ZeroNumber);
                OptionalChainAndNumber(argument);
                break;
            case 'S':
                AddCommand(Command.ListRules, Command.Zero | Command.ZeroNumber);
                OptionalChainAndNumber(argument);
                break;
            case 'F':
                AddCommand(Command.Flush, Command.None);
                OptionalChain(argument);
                break;
            case 'Z':
                AddCommand(Command.Zero, Command.List | Command.ListRules);
                OptionalChain(argument);
                if (_getopt.HasArgument)
                {
                    _result.RuleNumber = ParseRuleNumber(NextArgument());
                    _result.Command = Command.ZeroNumber;
                }
                break;
            case 'N':
                CheckNewChainName(argument!);
                AddCommand(Command.NewChain, Command.None);
                _result.Chain = argument;
                break;
            case 'X':
                AddCommand(Command.DeleteChain, Command.None);
                OptionalChain(argument);
                break;
            case 'E':
                AddCommand(Command.RenameChain, Command.None);
                _result.Chain = argument;
                if (!_getopt.HasArgument) throw IptablesError.Parameter("-E requires old-chain-name and new-chain-name");
                _result.NewName = NextArgument();
                break;
            case 'P':
                AddCommand(Command.SetPolicy, Command.None);
                _result.Chain = argument;
                if (!_getopt.HasArgument) throw IptablesError.Parameter("-P requires a chain and a policy");
                _result.Policy = NextArgument();
                break;
            case 'h':
                _result.Information = IptablesHelp.Text(_program);
                break;
            case 'V':
                _result.Information = _invert
                    ? $"Not {IptablesVersion.Number} (nf_tables) ;-)\n"
                    : $"{_program} v{IptablesVersion.Number} (nf_tables)\n";
                break;
            case 'p':
                SetOption(OptionFlags.Protocol, IpInversions.Protocol);
                // iptables reads the word itself (argv[optind-1]) and lower-cases it.
                _protocolText = _getopt.Previous.ToLowerInvariant();
                _result.Protocol = ProtocolNames.Parse(_protocolText, _names);
                if (_result.Protocol == 0 && _invert) throw IptablesError.Parameter("rule would never match protocol");
                _state.Protocol = _result.Protocol;
                _state.InvertProtocol = _invert;
                break;
            case 's':
                SetOption(OptionFlags.Source, IpInversions.Source);
                _sourceText = _getopt.Previous;
                break;
            case 'd':
                SetOption(OptionFlags.Destination, IpInversions.Destination);
                _destinationText = _getopt.Previous;
                break;
            case 'g':
                SetOption(OptionFlags.Jump, IpInversions.None);
                _result.IsGoto = true;
                _result.JumpTo = CheckTargetName(argument!);
                break;
            case 'j':
                SetOption(OptionFlags.Jump, IpInversions.None);
                Jump(_getopt.Previous);
                break;
            case 'i':
            case 'o':
                if (argument!.Length == 0) throw IptablesError.Parameter("Empty interface is likely to be undesired");
                bool input = option.Code == 'i';
                SetOption(input ? OptionFlags.InInterface : OptionFlags.OutInterface,
                    input ? IpInversions.InInterface : IpInversions.OutInterface);
                var pattern = InterfaceNames.Parse(_getopt.Previous, _state.Warnings);
                if (input) _result.InInterface = pattern;
                else _result.OutInterface = pattern;
                break;
            case 'f':
                SetOption(OptionFlags.Fragment, IpInversions.Fragment);
                _result.Fragment = true;
                break;
            case 'v':
                if (_result.Verbose == 0) SetOption(OptionFlags.Verbose, IpInversions.None);
                _result.Verbose++;
                break;
            case 'm':
                LoadMatch(argument!);
                break;
            case 'n':
                SetOption(OptionFlags.Numeric, IpInversions.None);
                break;
            case 't':
                if (_invert) throw IptablesError.Parameter("unexpected ! flag before --table");
                if (_restore) throw IptablesError.Parameter($"The -t option cannot be used in {_program}.\n");
                _result.Table = argument!;
                break;
            case 'x':
                SetOption(OptionFlags.Expanded, IpInversions.None);
                break;
            case 'w':
            case 'W':
                if (_restore) throw IptablesError.Parameter($"You cannot use `-{(char)option.Code}' from {_program}");
                // Waiting for the xtables lock means nothing here; take the optional seconds.
                if (argument is null && _getopt.HasArgument) NextArgument();
                break;
            case '0':
                SetOption(OptionFlags.LineNumbers, IpInversions.None);
                break;
            case 'M':
            case '4':
                break;
            case '6':
                throw IptablesError.TryHelp();
            case 'c':
                ParseCounters(argument!);
                break;
            case GetoptResult.NonOption:
                if (argument == "!")
                {
                    if (_invert) throw IptablesError.Parameter("multiple consecutive ! not allowed");
                    _invert = true;
                    return false;
                }
                throw IptablesError.BadArgument(argument!);
            default:
                return HandleUnknown(option);
        }
        return true;
    }

    private string NextArgument() => _getopt.Argv[_getopt.Index++];

    private void OptionalChain(string? argument)
    {
        if (argument is not null) _result.Chain = argument;
        else if (_getopt.HasArgument) _result.Chain = NextArgument();
    }

    private void OptionalChainAndNumber(string? argument)
    {
        OptionalChain(argument);
        if (_getopt.HasArgument) _result.RuleNumber = ParseRuleNumber(NextArgument());
    }

    private static int ParseRuleNumber(string text) =>
        CNumber.TryParseInRange(text, 1, int.MaxValue, out ulong number)
            ? (int)number
            : throw IptablesError.Parameter($"Invalid rule number `{text}'");

    private void AddCommand(Command command, Command allowedWith)
    {
        if (_invert) throw IptablesError.Parameter("unexpected '!' flag");
        var clash = _result.Command & ~allowedWith;
        if (clash != Command.None)
            throw IptablesError.Parameter($"Cannot use -{CommandOptions.Letter(command)} with -{CommandOptions.Letter(clash)}");
        _result.Command |= command;
    }

    private void SetOption(OptionFlags option, IpInversions inversion)
    {
        if (_result.Has(option))
            throw IptablesError.Parameter($"multiple -{CommandOptions.Letter(option)} flags not allowed");
        _result.Options |= option;
        if (!_invert) return;
        if (inversion == IpInversions.None)
            throw IptablesError.Parameter($"cannot have ! before -{CommandOptions.Letter(option)}");
        _result.Inversions |= inversion;
    }

    /// <summary>parse_chain, for -N.</summary>
    private static void CheckNewChainName(string name)
    {
        if (name.Length >= MaxNameLength)
            throw IptablesError.Parameter($"chain name `{name}' too long (must be under {MaxNameLength} chars)");
        if (name.StartsWith('-') || name.StartsWith('!'))
            throw IptablesError.Parameter($"chain name not allowed to start with `{name[0]}'\n");
        if (ExtensionRegistry.IsTargetName(name))
            throw IptablesError.Parameter("chain name may not clash with target name\n");
        if (name.Any(char.IsWhiteSpace))
            throw IptablesError.Parameter($"Invalid chain name `{name}'");
    }

    /// <summary>xt_parse_target.</summary>
    private static string CheckTargetName(string name)
    {
        if (name.Length < 1) throw IptablesError.Parameter("Invalid target name (too short)");
        if (name.Length >= MaxNameLength)
            throw IptablesError.Parameter($"Invalid target name `{name}' ({MaxNameLength - 1} chars max)");
        if (name.Any(char.IsWhiteSpace)) throw IptablesError.Parameter($"Invalid target name `{name}'");
        return name;
    }

    /// <summary>command_jump: the target extension if there is one by that name (else it may be a chain).</summary>
    private void Jump(string name)
    {
        _result.JumpTo = CheckTargetName(name);
        var target = ExtensionRegistry.CreateTarget(name);
        if (target is null)
        {
            if (ExtensionRegistry.IsTargetName(name))
                throw IptablesError.Parameter($"Couldn't load target `{name}':No such file or directory\n");
            return;
        }
        _result.Target = target;
        _getopt.LongOptions.AddRange(target.Options.Select(o => new LongOption(o.Name, o.Argument, o.Id, target)));
    }

    /// <summary>command_match.</summary>
    private void LoadMatch(string name)
    {
        if (_invert) throw IptablesError.Parameter("unexpected ! flag before --match");
        var match = ExtensionRegistry.CreateMatch(name)
                    ?? throw IptablesError.Parameter($"Couldn't load match `{name}':No such file or directory\n");
        _result.Matches.Add(match);
        if (_mergedMatchOptions.Add(name))
            _getopt.LongOptions.AddRange(match.Options.Select(o => new LongOption(o.Name, o.Argument, o.Id, name)));
    }

    private bool HandleExtensionOption(GetoptResult option)
    {
        var longOption = option.Long!;
        Extension owner = longOption.Owner is TargetExtension target
            ? target
            : _result.Matches.Last(m => m.Name == (string)longOption.Owner!);
        var definition = owner.Options.First(o => o.Name == longOption.Name);
        if (option.Code == GetoptResult.MissingArgument)
            throw IptablesError.Parameter($"option \"{_getopt.Previous}\" requires an argument");
        owner.Parse(definition, option.Argument, _invert, _state);
        return true;
    }

    /// <summary>
    /// command_default for an option nobody claimed: load the -p protocol's match (tcp, udp,
    /// icmp) if not yet done and read the option again; otherwise it is unknown.
    /// </summary>
    private bool HandleUnknown(GetoptResult option)
    {
        if (_protocolText is not null && !_protocolMatchUsed)
        {
            string name = ProtocolNames.ForSave(_result.Protocol, _names);
            if (ExtensionRegistry.CreateMatch(name) is { } protocolMatch && name is "tcp" or "udp" or "icmp")
            {
                _protocolMatchUsed = true;
                _result.Matches.Add(protocolMatch);
                if (_mergedMatchOptions.Add(name))
                    _getopt.LongOptions.AddRange(protocolMatch.Options.Select(o => new LongOption(o.Name, o.Argument, o.Id, name)));
                _getopt.Rewind();
                return false;
            }
        }
        if (option.Code == GetoptResult.MissingArgument)
            throw IptablesError.Parameter($"option \"{_getopt.Previous}\" requires an argument");
        throw IptablesError.Parameter($"unknown option \"{_getopt.Previous}\"");
    }

    private void ParseCounters(string argument)
    {
        SetOption(OptionFlags.Counters, IpInversions.None);
        string packets = argument;
        string? bytes = null;
        int comma = argument.Length > 1 ? argument.IndexOf(',', 1) : -1;
        if (comma >= 0)
        {
            bytes = argument[(comma + 1)..];
            packets = argument[..comma];
        }
        if (bytes is null && _getopt.HasArgument) bytes = NextArgument();
        if (bytes is null) throw IptablesError.Parameter("-c requires packet and byte counter");
        _result.Packets = ParseCounter(packets) ?? throw IptablesError.Parameter("-c packet counter not numeric");
        _result.Bytes = ParseCounter(bytes) ?? throw IptablesError.Parameter("-c byte counter not numeric");
    }

    /// <summary>sscanf "%llu": leading digits.</summary>
    private static ulong? ParseCounter(string text)
    {
        string digits = new([.. text.TrimStart().TakeWhile(char.IsAsciiDigit)]);
        return ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out ulong value) ? value : null;
    }

    /// <summary>The checks of do_parse after its option loop, in its order.</summary>
    private void AfterOptions(string[] argv)
    {
        if (_result.Table == "nat" && (_result.Policy == "DROP" || _result.JumpTo == "DROP"))
        {
            throw IptablesError.Parameter(
                "\nThe \"nat\" table is not intended for filtering, the use of DROP is therefore inhibited.\n\n");
        }
        foreach (var match in _result.Matches) match.FinalCheck(_state);
        _result.Target?.FinalCheck(_state);

        if (_getopt.Index < argv.Length) throw IptablesError.Parameter("unknown arguments found on commandline");
        if (_result.Command == Command.None) throw IptablesError.Parameter("no command specified");
        if (_invert) throw IptablesError.Parameter("nothing appropriate following !");

        if (_sourceText is not null) _result.Sources = AddressParser.ParseMultiple(_sourceText, _names);
        if (_destinationText is not null) _result.Destinations = AddressParser.ParseMultiple(_destinationText, _names);
        if ((_result.Sources.Count > 1 || _result.Destinations.Count > 1)
            && (_result.Inversions & (IpInversions.Source | IpInversions.Destination)) != 0)
        {
            throw IptablesError.Parameter("! not allowed with multiple source or destination IP addresses");
        }
        if (_result.Command == Command.Replace && (_result.Sources.Count != 1 || _result.Destinations.Count != 1))
            throw IptablesError.Parameter("Replacement rule does not specify a unique address");

        CommandOptions.Check(_result.Command, _result.Options);

        if (_result.Chain is { Length: >= MaxNameLength } chain)
            throw IptablesError.Parameter($"chain name `{chain}' too long (must be under {MaxNameLength} chars)");

        if ((_result.Command & (Command.Append | Command.Delete | Command.DeleteNumber | Command.Check | Command.Insert | Command.Replace)) != 0)
        {
            if (_result.Chain is "PREROUTING" or "INPUT" && _result.Has(OptionFlags.OutInterface))
                throw IptablesError.Parameter($"Can't use -o with {_result.Chain}\n");
            if (_result.Chain is "POSTROUTING" or "OUTPUT" && _result.Has(OptionFlags.InInterface))
                throw IptablesError.Parameter($"Can't use -i with {_result.Chain}\n");
        }
    }
}
