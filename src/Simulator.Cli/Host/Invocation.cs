using Simulator.Cli.Shell;
using Simulator.Devices.Namespaces;

namespace Simulator.Cli.Host;

/// <summary>One run of a command: its arguments and streams, the namespace it runs in, and the machine.</summary>
public sealed class Invocation(CommandContext context, NetworkNamespace ns, Machine machine)
{
    public CommandContext Context { get; } = context;
    public NetworkNamespace Namespace { get; } = ns;
    public Machine Machine { get; } = machine;
    public World World => Machine.World;

    /// <summary>argv[0] as typed.</summary>
    public string Name => Context.Name;

    /// <summary>The arguments after the command name.</summary>
    public IReadOnlyList<string> Args { get; } = context.Arguments.Skip(1).ToList();

    public TextWriter Out => Context.Stdout;
    public TextWriter Err => Context.Stderr;
}
