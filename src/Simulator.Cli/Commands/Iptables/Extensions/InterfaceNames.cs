using Simulator.Netfilter.Matches;

namespace Simulator.Cli.Commands.Iptables.Extensions;

/// <summary>Interface names as libxtables' xtables_parse_interface reads them.</summary>
internal static class InterfaceNames
{
    /// <summary>IFNAMSIZ less the terminating NUL.</summary>
    public const int MaxLength = 15;

    /// <summary>
    /// Checks the length, warns (to <paramref name="warnings"/>) about characters the kernel does
    /// not allow, and returns the pattern; a trailing '+' makes it a prefix.
    /// </summary>
    public static InterfacePattern Parse(string name, TextWriter warnings)
    {
        if (name.Length > MaxLength)
            throw IptablesError.Parameter($"interface name `{name}' must be shorter than IFNAMSIZ ({MaxLength})");
        if (name.Length > 0 && !name.EndsWith('+') && (name.Contains('/') || name.Contains(' ')))
            warnings.Write($"Warning: weird character in interface `{name}' ('/' and ' ' are not allowed by the kernel).\n");
        return InterfacePattern.Parse(name);
    }
}
