namespace Simulator.Cli.Commands.Iptables.Extensions;

/// <summary>
/// One option of an extension (libxtables' <c>struct xt_option_entry</c>): its long name, whether
/// it takes an argument, its id (aliases share one), and whether '!' may precede it.
/// </summary>
internal sealed record ExtensionOption(string Name, ArgumentKind Argument, int Id, bool Invertible = false);
