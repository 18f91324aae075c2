namespace Simulator.Cli.Commands.Iptables.Extensions;

/// <summary>
/// What match and target extensions share: a name, options that join iptables' own when the
/// extension is loaded, and the per-use parse state (a new instance per <c>-m</c> or <c>-j</c>).
/// </summary>
internal abstract class Extension
{
    private ulong _seen;

    /// <summary>The extension's name as given to -m or -j, and as it names itself in messages.</summary>
    public abstract string Name { get; }

    public abstract IReadOnlyList<ExtensionOption> Options { get; }

    /// <summary>Takes one of its options (with '!' before it when <paramref name="invert"/>).</summary>
    public abstract void Parse(ExtensionOption option, string? argument, bool invert, RuleParseState state);

    /// <summary>The checks made once all options are read (x6_fcheck / final_check).</summary>
    public virtual void FinalCheck(RuleParseState state)
    {
    }

    protected bool Seen(int id) => (_seen & (1UL << id)) != 0;

    protected bool SeenAny => _seen != 0;

    protected void MarkSeen(int id) => _seen |= 1UL << id;

    /// <summary>The first option with that id: the name libxtables uses in its messages.</summary>
    protected string CanonicalName(int id) => Options.First(o => o.Id == id).Name;

    /// <summary>
    /// The generic checks of libxtables' xtables_option_parse: each option once, '!' only where
    /// allowed. Marks the option seen.
    /// </summary>
    protected void CheckGeneric(ExtensionOption option, bool invert)
    {
        // libxtables finds the option entry by id, so its messages name the first spelling.
        if (Seen(option.Id))
            throw IptablesError.Parameter($"{Name}: option \"--{CanonicalName(option.Id)}\" can only be used once.\n");
        if (invert && !option.Invertible)
            throw IptablesError.Parameter($"{Name}: option \"--{CanonicalName(option.Id)}\" cannot be inverted.\n");
        MarkSeen(option.Id);
    }

    /// <summary>xtables_options_fcheck's mandatory option.</summary>
    protected void Require(int id)
    {
        if (!Seen(id)) throw IptablesError.Parameter($"{Name}: option \"--{CanonicalName(id)}\" must be specified\n");
    }

    /// <summary>xtables_options_fcheck's exclusion, tested in option order.</summary>
    protected void Exclusive(params int[] ids)
    {
        foreach (var option in Options.DistinctBy(o => o.Id))
        {
            if (!ids.Contains(option.Id) || !Seen(option.Id)) continue;
            foreach (var other in Options.DistinctBy(o => o.Id))
            {
                if (other.Id != option.Id && ids.Contains(other.Id) && Seen(other.Id))
                    throw IptablesError.Parameter($"{Name}: option \"--{option.Name}\" cannot be used together with \"--{other.Name}\".\n");
            }
        }
    }

    /// <summary>A value[/mask] as XTTYPE_MARKMASK32 reads it; the mask defaults to all ones.</summary>
    protected (uint Value, uint Mask) ParseMarkMask(ExtensionOption option, string argument)
    {
        int slash = argument.IndexOf('/');
        string valueText = slash < 0 ? argument : argument[..slash];
        if (!TryParseUInt32Prefix(valueText, out uint value, out bool trailing) || trailing && slash < 0)
            throw BadInteger(option);
        if (slash < 0) return (value, uint.MaxValue);
        string maskText = argument[(slash + 1)..];
        if (!TryParseUInt32Prefix(maskText, out uint mask, out bool maskTrailing)) throw BadInteger(option);
        if (maskTrailing) throw IptablesError.Parameter($"{Name}: trailing garbage after value for option \"--{CanonicalName(option.Id)}\".\n");
        return (value, mask);
    }

    /// <summary>XTTYPE_UINT32.</summary>
    protected uint ParseUInt32(ExtensionOption option, string argument) =>
        CNumber.TryParseInRange(argument, 0, uint.MaxValue, out ulong value) ? (uint)value : throw BadInteger(option);

    private IptablesError BadInteger(ExtensionOption option) =>
        IptablesError.Parameter($"{Name}: bad integer value for option \"--{CanonicalName(option.Id)}\", or out of range.\n");

    /// <summary>A number (strtoul base 0) at the start of the text; <paramref name="trailing"/> tells whether something follows.</summary>
    private static bool TryParseUInt32Prefix(string text, out uint value, out bool trailing)
    {
        value = 0;
        trailing = false;
        int end = 0;
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && text.Length > 2 && Uri.IsHexDigit(text[2]))
        {
            end = 2;
            while (end < text.Length && Uri.IsHexDigit(text[end])) end++;
        }
        else
        {
            while (end < text.Length && char.IsAsciiDigit(text[end])) end++;
        }
        if (end == 0) return false;
        trailing = end < text.Length;
        if (!CNumber.TryParseInRange(text[..end], 0, uint.MaxValue, out ulong parsed)) return false;
        value = (uint)parsed;
        return true;
    }
}
