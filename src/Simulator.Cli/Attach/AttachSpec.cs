namespace Simulator.Cli.Attach;

/// <summary><c>--attach SIMDEV=REALDEV</c>: a device of the model's host and the real interface it is spliced onto.</summary>
public sealed record AttachSpec(string SimulatedDevice, string RealDevice)
{
    /// <summary>Parses SIMDEV=REALDEV; both names are required (there is no default real interface).</summary>
    public static AttachSpec? TryParse(string text, out string? error)
    {
        int eq = text.IndexOf('=', StringComparison.Ordinal);
        var sim = eq < 0 ? "" : text[..eq];
        var real = eq < 0 ? "" : text[(eq + 1)..];
        if (eq < 0 || !IsDeviceName(sim) || !IsDeviceName(real))
        {
            error = $"--attach needs SIMDEV=REALDEV with two interface names, got \"{text}\"";
            return null;
        }
        error = null;
        return new AttachSpec(sim, real);
    }

    /// <summary>dev_valid_name: 1 to 15 bytes, no '/', ':' or blank, not "." or "..".</summary>
    private static bool IsDeviceName(string name) =>
        name.Length is > 0 and < 16 && name is not "." and not ".." && !name.Any(c => c is '/' or ':' || char.IsWhiteSpace(c));
}
