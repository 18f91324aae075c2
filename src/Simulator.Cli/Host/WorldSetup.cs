using System.Globalization;
using Simulator.Cli.Scenarios;
using Simulator.Devices.Namespaces;

namespace Simulator.Cli.Host;

/// <summary>
/// The world a scenario declares with <c># netsim:</c> directives. Known directives:
/// <c>seed N</c> (the random seed: MACs, ids, ports).
/// </summary>
public sealed class WorldSetup
{
    public ulong Seed { get; private set; } = 1;
    public List<string> Errors { get; } = [];

    public static WorldSetup FromDirectives(IEnumerable<Directive> directives, ulong? seedOverride)
    {
        var setup = new WorldSetup();
        foreach (var directive in directives) setup.Apply(directive);
        if (seedOverride is { } seed) setup.Seed = seed;
        return setup;
    }

    private void Apply(Directive directive)
    {
        var words = directive.Words;
        if (words.Length == 0)
        {
            Errors.Add($"{directive.File}:{directive.Line}: netsim: empty directive");
            return;
        }
        switch (words[0])
        {
            case "seed" when words.Length == 2 && ulong.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seed):
                Seed = seed;
                return;
            case Validation.KnownDifference.Keyword:
                // Not about the world: netsim validate reads it (Validation/KnownDifference.cs).
                return;
            default:
                Errors.Add($"{directive.File}:{directive.Line}: netsim: unknown directive \"{directive.Text}\"");
                return;
        }
    }

    public World Build() => new(Seed);
}
