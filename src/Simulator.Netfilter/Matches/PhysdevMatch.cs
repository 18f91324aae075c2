namespace Simulator.Netfilter.Matches;

/// <summary>Which physdev tests a rule uses (<c>XT_PHYSDEV_OP_*</c>).</summary>
[Flags]
public enum PhysdevOptions
{
    None = 0,
    In = 0x01,
    Out = 0x02,
    IsBridged = 0x04,
    IsIn = 0x08,
    IsOut = 0x10,
}

/// <summary>
/// <c>-m physdev</c>: the bridge ports a bridged IPv4 packet came in on and goes out by
/// (net/netfilter/xt_physdev.c). Every option can be negated.
/// </summary>
public sealed record PhysdevMatch(InterfacePattern In, InterfacePattern Out, PhysdevOptions Options, PhysdevOptions Inverted)
    : IMatch
{
    public string Name => "physdev";

    private bool Uses(PhysdevOptions option) => (Options & option) != 0;
    private bool Inverts(PhysdevOptions option) => (Inverted & option) != 0;

    /// <summary>physdev_mt, test for test.</summary>
    public bool Matches(in PacketContext packet)
    {
        if (!packet.IsBridged)
        {
            // Not a bridged packet (or LOCAL_OUT, which cannot know yet): only the negated forms match.
            foreach (var option in (ReadOnlySpan<PhysdevOptions>)
                     [PhysdevOptions.IsBridged, PhysdevOptions.IsIn, PhysdevOptions.IsOut, PhysdevOptions.In, PhysdevOptions.Out])
            {
                if (Uses(option) && !Inverts(option)) return false;
            }
            return true;
        }

        string? outDevice = packet.PhysOutDevice;
        string? inDevice = packet.PhysInDevice;

        // "Bridged" means the bridge forwards it: there is an output port.
        if (Uses(PhysdevOptions.IsBridged) && (outDevice is not null) == Inverts(PhysdevOptions.IsBridged))
            return false;
        if (Uses(PhysdevOptions.IsIn) && (inDevice is not null) == Inverts(PhysdevOptions.IsIn))
            return false;
        if (Uses(PhysdevOptions.IsOut) && (outDevice is not null) == Inverts(PhysdevOptions.IsOut))
            return false;

        if (Uses(PhysdevOptions.In) && inDevice is not null && In.Matches(inDevice) == Inverts(PhysdevOptions.In))
            return false;

        if (!Uses(PhysdevOptions.Out) || outDevice is null)
            return true;
        return Out.Matches(outDevice) != Inverts(PhysdevOptions.Out);
    }

    /// <summary>physdev_mt_check: the output port is unknown in OUTPUT unless only bridged packets are asked for.</summary>
    public EntryCheck CheckEntry(in RuleCheckContext context)
    {
        if ((Options & (PhysdevOptions.Out | PhysdevOptions.IsOut)) != 0
            && (!Uses(PhysdevOptions.IsBridged) || Inverts(PhysdevOptions.IsBridged))
            && context.Hooks.Contains(NetfilterHook.LocalOut))
        {
            return EntryCheck.Fail(
                "xt_physdev: --physdev-out and --physdev-is-out only supported in the FORWARD and POSTROUTING chains with bridged traffic");
        }
        return EntryCheck.Pass;
    }
}
