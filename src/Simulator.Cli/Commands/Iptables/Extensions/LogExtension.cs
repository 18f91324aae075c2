using System.Text;
using Simulator.Netfilter.Targets;

namespace Simulator.Cli.Commands.Iptables.Extensions;

/// <summary><c>-j LOG [--log-level L] [--log-prefix P] [--log-tcp-sequence ...]</c> (libxt_LOG).</summary>
internal sealed class LogExtension : TargetExtension
{
    /// <summary>The syslog levels by the names --log-level accepts (panic is emerg).</summary>
    private static readonly (string Name, byte Level)[] LevelNames =
    [
        ("alert", 1), ("crit", 2), ("debug", 7), ("emerg", 0), ("error", 3), ("info", 6), ("notice", 5),
        ("panic", 0), ("warning", 4),
    ];

    /// <summary>The names -L prints, by level.</summary>
    private static readonly string[] PrintedLevels = ["emerg", "alert", "crit", "err", "warn", "notice", "info", "debug"];

    private static readonly (LogFlags Flag, string Word)[] FlagWords =
    [
        (LogFlags.TcpSequence, "tcp-sequence"), (LogFlags.TcpOptions, "tcp-options"), (LogFlags.IpOptions, "ip-options"),
        (LogFlags.Uid, "uid"), (LogFlags.MacDecode, "macdecode"),
    ];

    private byte _level = LogTarget.DefaultLevel;
    private string _prefix = "";
    private LogFlags _flags;

    public override string Name => "LOG";

    public override IReadOnlyList<ExtensionOption> Options { get; } =
    [
        new("log-level", ArgumentKind.Required, 0),
        new("log-prefix", ArgumentKind.Required, 1),
        new("log-tcp-sequence", ArgumentKind.None, 2),
        new("log-tcp-options", ArgumentKind.None, 3),
        new("log-ip-options", ArgumentKind.None, 4),
        new("log-uid", ArgumentKind.None, 5),
        new("log-macdecode", ArgumentKind.None, 6),
    ];

    public override void Parse(ExtensionOption option, string? argument, bool invert, RuleParseState state)
    {
        CheckGeneric(option, invert);
        switch (option.Id)
        {
            case 0:
                _level = ParseLevel(argument!);
                break;
            case 1:
                if (argument!.Length == 0) throw IptablesError.Parameter("Argument must have a minimum length of 1 characters\n");
                _prefix = argument.Length > LogTarget.MaxPrefixLength ? argument[..LogTarget.MaxPrefixLength] : argument;
                break;
            default:
                _flags |= FlagWords[option.Id - 2].Flag;
                break;
        }
    }

    private static byte ParseLevel(string text)
    {
        if (CNumber.TryParseInRange(text, 0, 7, out ulong number)) return (byte)number;
        foreach (var (name, level) in LevelNames)
            if (name == text) return level;
        throw IptablesError.Parameter($"log level \"{text}\" unknown\n");
    }

    public override ITarget Build(RuleParseState state) => new LogTarget(_level, _prefix, _flags);

    public override void Print(ITarget target, FormatContext context, StringBuilder text)
    {
        var log = (LogTarget)target;
        text.Append(" LOG");
        if (context.Numeric)
        {
            text.Append(" flags ").Append((int)log.Flags).Append(" level ").Append(log.Level);
        }
        else
        {
            text.Append(" level ").Append(log.Level < PrintedLevels.Length ? PrintedLevels[log.Level] : log.Level.ToString(System.Globalization.CultureInfo.InvariantCulture));
            foreach (var (flag, word) in FlagWords)
                if ((log.Flags & flag) != 0) text.Append(' ').Append(word);
        }
        if (log.Prefix.Length > 0) text.Append(" prefix \"").Append(log.Prefix).Append('"');
    }

    public override void Save(ITarget target, FormatContext context, StringBuilder text)
    {
        var log = (LogTarget)target;
        if (log.Prefix.Length > 0)
        {
            text.Append(" --log-prefix");
            SaveString.Append(log.Prefix, text);
        }
        if (log.Level != LogTarget.DefaultLevel) text.Append(" --log-level ").Append(log.Level);
        foreach (var (flag, word) in FlagWords)
            if ((log.Flags & flag) != 0) text.Append(" --log-").Append(word);
    }
}
