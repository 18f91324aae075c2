namespace Simulator.Devices.Ipv4.Neighbours;

/// <summary>Neighbour Unreachability Detection states (NUD_*), as <c>ip neigh</c> prints them.</summary>
[Flags]
public enum NudState
{
    None = 0x00,
    Incomplete = 0x01,
    Reachable = 0x02,
    Stale = 0x04,
    Delay = 0x08,
    Probe = 0x10,
    Failed = 0x20,
    NoArp = 0x40,
    Permanent = 0x80,
}

public static class NudStates
{
    /// <summary>States in which the hardware address may be used without asking (NUD_CONNECTED).</summary>
    public const NudState Connected = NudState.Permanent | NudState.NoArp | NudState.Reachable;

    /// <summary>States that hold a hardware address (NUD_VALID).</summary>
    public const NudState Valid = NudState.Permanent | NudState.NoArp | NudState.Reachable | NudState.Probe |
                                  NudState.Stale | NudState.Delay;

    public static string Name(this NudState state) => state switch
    {
        NudState.None => "NONE",
        NudState.Incomplete => "INCOMPLETE",
        NudState.Reachable => "REACHABLE",
        NudState.Stale => "STALE",
        NudState.Delay => "DELAY",
        NudState.Probe => "PROBE",
        NudState.Failed => "FAILED",
        NudState.NoArp => "NOARP",
        NudState.Permanent => "PERMANENT",
        _ => state.ToString().ToUpperInvariant(),
    };
}
