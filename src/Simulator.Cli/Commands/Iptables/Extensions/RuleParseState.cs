using Simulator.Cli.Commands.Iptables.NameServices;

namespace Simulator.Cli.Commands.Iptables.Extensions;

/// <summary>What an extension may look at while its options are read: the rule's protocol so far, and the name service.</summary>
internal sealed class RuleParseState(NameService names, TextWriter warnings)
{
    public NameService Names { get; } = names;

    /// <summary>Where warnings go (stderr) while parsing carries on.</summary>
    public TextWriter Warnings { get; } = warnings;

    /// <summary>The -p protocol read so far (0 when none).</summary>
    public byte Protocol { get; set; }

    public bool InvertProtocol { get; set; }

    /// <summary>
    /// Takes the next command-line word when it exists and starts with neither '-' nor '!', for
    /// options with two arguments (--tcp-flags MASK COMP); null otherwise.
    /// </summary>
    public Func<string?> TakeNextArgument { get; set; } = () => null;
}
