using Simulator.Core.Addressing;

namespace Simulator.Devices.Links.Bridge;

/// <summary>The BR_FDB_* flag bits of an entry that the model uses.</summary>
[Flags]
public enum FdbFlags : byte
{
    None = 0,
    /// <summary>BR_FDB_LOCAL: one of the bridge's own addresses; frames to it go up to the bridge.</summary>
    Local = 1,
    /// <summary>BR_FDB_STATIC: never aged (local entries are static too).</summary>
    Static = 2,
    /// <summary>BR_FDB_ADDED_BY_USER: made by <c>bridge fdb add</c>, not learned.</summary>
    AddedByUser = 4,
}

/// <summary>
/// One forwarding database entry (struct net_bridge_fdb_entry): a MAC address, the port it is
/// behind (null for the bridge device's own address), and when it was last seen as a source
/// (<see cref="Updated"/>, which ageing reads) and last used as a destination.
/// </summary>
public sealed class FdbEntry
{
    internal FdbEntry(MacAddress address, BridgePort? port, FdbFlags flags, long now)
    {
        Address = address;
        Port = port;
        Flags = flags;
        Updated = now;
        Used = now;
    }

    public MacAddress Address { get; }

    /// <summary>The port the address is behind (dst); null when it is the bridge device's own.</summary>
    public BridgePort? Port { get; internal set; }

    public FdbFlags Flags { get; internal set; }

    public bool IsLocal => (Flags & FdbFlags.Local) != 0;
    public bool IsStatic => (Flags & FdbFlags.Static) != 0;
    public bool AddedByUser => (Flags & FdbFlags.AddedByUser) != 0;

    /// <summary>Virtual time the address was last learned or refreshed as a source.</summary>
    public long Updated { get; internal set; }

    /// <summary>Virtual time a frame was last forwarded to it.</summary>
    public long Used { get; internal set; }

    // fdb_list: the kernel adds entries at the head of an hlist, so dumps show the newest first.
    internal FdbEntry? Newer;
    internal FdbEntry? Older;

    public override string ToString() => $"{Address} {(Port is null ? "self" : Port.Device.Name)} {Flags}";
}
