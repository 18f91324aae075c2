namespace Simulator.Cli.Commands.Iptables;

/// <summary>Whether an option takes an argument (getopt's has_arg).</summary>
internal enum ArgumentKind
{
    None,
    Required,
    Optional,
}

/// <summary>
/// A long option. <see cref="Owner"/> is null for iptables' own options (then <see cref="Code"/>
/// is the equivalent short option's character) and the extension for an extension's options.
/// </summary>
internal sealed record LongOption(string Name, ArgumentKind Argument, int Code, object? Owner = null);

/// <summary>One step of <see cref="Getopt"/>.</summary>
internal readonly record struct GetoptResult(int Code, string? Argument, LongOption? Long)
{
    public const int End = -1;
    public const int NonOption = 1;
    public const int Unknown = '?';
    public const int MissingArgument = ':';
}

/// <summary>
/// GNU getopt_long as iptables drives it: an option string starting with "-:" (arguments that
/// are not options come back in order as code 1; a missing argument comes back as ':'), short
/// options clustered (-nvL), optional arguments only attached (-LINPUT, --list=INPUT), long
/// options by unique prefix (--line for --line-numbers) or with "=value". The option list grows
/// as extensions are loaded. <see cref="Index"/> is optind: argv[0] is the program name, so
/// messages that quote argv[optind-1] quote the same element the real tool does.
/// </summary>
internal sealed class Getopt
{
    private readonly string[] _argv;
    private readonly Dictionary<char, ArgumentKind> _shortOptions = [];
    private string _cluster = "";
    private bool _clusterEndedElement;

    public Getopt(string[] argv, string shortOptions)
    {
        _argv = argv;
        for (int i = 0; i < shortOptions.Length; i++)
        {
            char c = shortOptions[i];
            if (c is '-' or ':' && i < 2) continue;
            var kind = ArgumentKind.None;
            if (i + 1 < shortOptions.Length && shortOptions[i + 1] == ':')
            {
                kind = i + 2 < shortOptions.Length && shortOptions[i + 2] == ':' ? ArgumentKind.Optional : ArgumentKind.Required;
                i += kind == ArgumentKind.Optional ? 2 : 1;
            }
            _shortOptions[c] = kind;
        }
    }

    public List<LongOption> LongOptions { get; } = [];

    /// <summary>optind: the next element to look at (argv[0] is the program name).</summary>
    public int Index { get; set; } = 1;

    public IReadOnlyList<string> Argv => _argv;

    /// <summary>True when the next element exists and starts with neither '-' nor '!' (iptables' xs_has_arg).</summary>
    public bool HasArgument => Index < _argv.Length && _argv[Index] is var next && !next.StartsWith('-') && !next.StartsWith('!');

    /// <summary>The element optind-1 points at, as iptables quotes it in "unknown option" messages.</summary>
    public string Previous => _argv[Index - 1];

    /// <summary>Step back over the element just read, to read it again with more options known (iptables' optind--).</summary>
    public void Rewind()
    {
        if (_cluster.Length == 0)
        {
            Index--;
        }
        else if (_clusterEndedElement)
        {
            Index--;
            _cluster = "";
        }
    }

    public GetoptResult Next()
    {
        if (_cluster.Length == 0)
        {
            if (Index >= _argv.Length) return new GetoptResult(GetoptResult.End, null, null);
            string arg = _argv[Index];
            if (arg == "--")
            {
                Index++;
                return new GetoptResult(GetoptResult.End, null, null);
            }
            if (arg.Length < 2 || arg[0] != '-')
            {
                Index++;
                return new GetoptResult(GetoptResult.NonOption, arg, null);
            }
            if (arg.StartsWith("--", StringComparison.Ordinal)) return NextLong(arg);
            _cluster = arg[1..];
        }
        return NextShort();
    }

    private GetoptResult NextShort()
    {
        char c = _cluster[0];
        _cluster = _cluster[1..];
        bool last = _cluster.Length == 0;
        _clusterEndedElement = last;
        if (last) Index++;

        if (!_shortOptions.TryGetValue(c, out var kind)) return new GetoptResult(GetoptResult.Unknown, null, null);
        switch (kind)
        {
            case ArgumentKind.None:
                return new GetoptResult(c, null, null);
            case ArgumentKind.Optional:
                if (last) return new GetoptResult(c, null, null);
                return TakeRestOfCluster(c);
            default:
                if (!last) return TakeRestOfCluster(c);
                if (Index >= _argv.Length) return new GetoptResult(GetoptResult.MissingArgument, null, null);
                return new GetoptResult(c, _argv[Index++], null);
        }
    }

    private GetoptResult TakeRestOfCluster(char c)
    {
        string argument = _cluster;
        _cluster = "";
        _clusterEndedElement = true;
        Index++;
        return new GetoptResult(c, argument, null);
    }

    private GetoptResult NextLong(string arg)
    {
        Index++;
        string body = arg[2..];
        int equals = body.IndexOf('=');
        string name = equals < 0 ? body : body[..equals];
        string? attached = equals < 0 ? null : body[(equals + 1)..];

        var option = LongOptions.FirstOrDefault(o => o.Name == name);
        if (option is null)
        {
            var candidates = LongOptions.Where(o => o.Name.StartsWith(name, StringComparison.Ordinal)).ToList();
            if (candidates.Count == 0) return new GetoptResult(GetoptResult.Unknown, null, null);
            // Prefixes of several options are ambiguous unless they all mean the same thing.
            var first = candidates[0];
            if (candidates.Any(o => o.Argument != first.Argument || o.Code != first.Code || o.Owner != first.Owner))
                return new GetoptResult(GetoptResult.Unknown, null, null);
            option = first;
        }

        if (attached is not null)
        {
            if (option.Argument == ArgumentKind.None) return new GetoptResult(GetoptResult.Unknown, null, null);
            return new GetoptResult(option.Code, attached, option);
        }
        if (option.Argument == ArgumentKind.Required)
        {
            if (Index >= _argv.Length) return new GetoptResult(GetoptResult.MissingArgument, null, option);
            return new GetoptResult(option.Code, _argv[Index++], option);
        }
        return new GetoptResult(option.Code, null, option);
    }
}
