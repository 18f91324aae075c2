using Simulator.Core.Addressing;
using Simulator.Core.Engine;

namespace Simulator.Devices.Links.Bridge;

/// <summary>How <c>bridge fdb add</c> asks an entry to be kept (ndm_state): NUD_PERMANENT, NUD_NOARP, NUD_REACHABLE.</summary>
public enum FdbState
{
    /// <summary>"permanent": a local entry, delivered up to the bridge.</summary>
    Permanent,
    /// <summary>"static": forwarded to its port and never aged.</summary>
    Static,
    /// <summary>"dynamic": like a learned entry, aged.</summary>
    Dynamic,
}

/// <summary>
/// The bridge forwarding database (net/bridge/br_fdb.c): addresses learned from the source of
/// frames received on a port (<see cref="Update"/>), the local entries of the bridge's and its
/// ports' own addresses, the entries users add, and the garbage collector that ages learned
/// entries out after the ageing time (or the forward delay during a topology change).
/// </summary>
public sealed class BridgeFdb
{
    /// <summary>The collector runs at most this often (msecs_to_jiffies(10) in br_fdb_cleanup).</summary>
    public const long MinimumCleanupInterval = 10 * Simulation.Millisecond;

    private readonly BridgeDevice _bridge;
    private readonly Dictionary<MacAddress, FdbEntry> _table = [];
    private FdbEntry? _newest;

    internal BridgeFdb(BridgeDevice bridge) => _bridge = bridge;

    private long Now => _bridge.Simulation.Now;

    public int Count => _table.Count;

    /// <summary>The entries in the kernel's dump order, newest first (fdb_list).</summary>
    public IEnumerable<FdbEntry> Entries
    {
        get
        {
            for (var entry = _newest; entry != null; entry = entry.Older) yield return entry;
        }
    }

    /// <summary>br_fdb_find.</summary>
    public FdbEntry? Find(MacAddress address) => _table.GetValueOrDefault(address);

    /// <summary>
    /// hold_time: how long a learned entry lives: the forward delay while a topology change is
    /// under way, so that stations that moved are found again quickly, else the ageing time.
    /// </summary>
    public long HoldTime => _bridge.TopologyChange ? _bridge.ForwardDelay : _bridge.AgeingTime;

    /// <summary>has_expired: a learned entry older than the hold time.</summary>
    public bool HasExpired(FdbEntry entry) => !entry.IsStatic && entry.Updated + HoldTime <= Now;

    // ----- learning -----

    /// <summary>
    /// br_fdb_update: <paramref name="address"/> was seen as the source of a frame on
    /// <paramref name="source"/>. A known address is refreshed and follows the station to its
    /// new port; an unknown one is learned. The bridge's own addresses are never moved: a frame
    /// claiming one is reported, as the kernel warns about a loop or a spoofer.
    /// </summary>
    public void Update(BridgePort source, MacAddress address)
    {
        // "some users want to always flood": ageing time 0 turns learning off.
        if (HoldTime == 0) return;
        if (_table.TryGetValue(address, out var entry))
        {
            if (entry.IsLocal)
            {
                _bridge.LogRateLimited(
                    $"received packet on {source.Device.Name} with own address as source address (addr:{address}, vlan:0)");
                return;
            }
            entry.Updated = Now;
            if (entry.Port != source) entry.Port = source;
            return;
        }
        Create(address, source, FdbFlags.None);
    }

    private FdbEntry Create(MacAddress address, BridgePort? port, FdbFlags flags)
    {
        var entry = new FdbEntry(address, port, flags, Now) { Older = _newest };
        if (_newest != null) _newest.Newer = entry;
        _newest = entry;
        _table[address] = entry;
        return entry;
    }

    /// <summary>fdb_delete.</summary>
    private void Remove(FdbEntry entry)
    {
        _table.Remove(entry.Address);
        if (entry.Newer != null) entry.Newer.Older = entry.Older;
        else _newest = entry.Older;
        if (entry.Older != null) entry.Older.Newer = entry.Newer;
        entry.Newer = entry.Older = null;
    }

    // ----- local entries -----

    /// <summary>
    /// fdb_add_local: a local, static entry for an address of the bridge (<paramref name="port"/>
    /// null) or of a port. An address that is already local stays as it is ("it is okay to have
    /// multiple ports with same address, just use the first one"); a learned one is replaced.
    /// </summary>
    internal void InsertLocal(BridgePort? port, MacAddress address)
    {
        if (!address.IsValid || address.IsMulticast || address.Value == 0) return;
        if (_table.TryGetValue(address, out var existing))
        {
            if (existing.IsLocal) return;
            Remove(existing);
        }
        Create(address, port, FdbFlags.Local | FdbFlags.Static);
    }

    /// <summary>
    /// fdb_delete_local: a local entry losing its owner passes to another port with the same
    /// address, or to the bridge device if it has it; otherwise it goes.
    /// </summary>
    private void DeleteLocal(BridgePort? leaving, FdbEntry entry)
    {
        foreach (var other in _bridge.Ports)
        {
            if (other != leaving && other.Device.Address == entry.Address)
            {
                entry.Port = other;
                entry.Flags &= ~FdbFlags.AddedByUser;
                return;
            }
        }
        if (leaving != null && _bridge.Address == entry.Address)
        {
            entry.Port = null;
            entry.Flags &= ~FdbFlags.AddedByUser;
            return;
        }
        Remove(entry);
    }

    /// <summary>br_fdb_changeaddr: a port's MAC address changed; its local entry follows.</summary>
    internal void ChangePortAddress(BridgePort port, MacAddress newAddress)
    {
        foreach (var entry in Entries.ToList())
        {
            if (entry.Port == port && entry.IsLocal && !entry.AddedByUser)
            {
                DeleteLocal(port, entry);
                break;
            }
        }
        InsertLocal(port, newAddress);
    }

    /// <summary>
    /// br_fdb_change_mac_address: the bridge device takes a new address; the entry of the old one
    /// goes if no port holds it, and the new one becomes local.
    /// </summary>
    internal void ChangeBridgeAddress(MacAddress oldAddress, MacAddress newAddress)
    {
        if (_table.TryGetValue(oldAddress, out var old) && old.IsLocal && old.Port is null && !old.AddedByUser)
            DeleteLocal(null, old);
        InsertLocal(null, newAddress);
    }

    /// <summary>
    /// br_fdb_delete_by_port: forget what was learned behind <paramref name="port"/> (a port going
    /// down). With <paramref name="all"/> (the port leaving the bridge) static and local entries go
    /// too, local ones passing to another owner of the address. A null port means the bridge's own.
    /// </summary>
    internal void DeleteByPort(BridgePort? port, bool all)
    {
        var entry = _newest;
        while (entry != null)
        {
            var next = entry.Older;
            if (entry.Port == port && (all || !entry.IsStatic))
            {
                if (entry.IsLocal) DeleteLocal(port, entry);
                else Remove(entry);
            }
            entry = next;
        }
    }

    /// <summary>br_fdb_flush: every dynamic entry goes (sysfs "flush", a topology change with fast ageing aside).</summary>
    public void Flush()
    {
        var entry = _newest;
        while (entry != null)
        {
            var next = entry.Older;
            if (!entry.IsStatic) Remove(entry);
            entry = next;
        }
    }

    /// <summary>br_fdb_delete_by_port without "all": the port's sysfs "flush".</summary>
    public void FlushPort(BridgePort port) => DeleteByPort(port, all: false);

    // ----- ageing -----

    /// <summary>
    /// br_fdb_cleanup, the garbage collector: deletes the learned entries whose hold time has
    /// passed and returns when it must run again: when the next entry would expire, at most
    /// one hold time away and at least 10 ms.
    /// </summary>
    internal long Cleanup()
    {
        long delay = HoldTime;
        long workDelay = delay;
        long now = Now;
        var entry = _newest;
        while (entry != null)
        {
            var next = entry.Older;
            if (!entry.IsStatic)
            {
                long expires = entry.Updated + delay;
                if (expires > now) workDelay = Math.Min(workDelay, expires - now);
                else Remove(entry);
            }
            entry = next;
        }
        return Math.Max(workDelay, MinimumCleanupInterval);
    }

    // ----- user requests (bridge fdb add/del) -----

    /// <summary>
    /// fdb_add_entry: <c>bridge fdb add|replace ADDR dev DEV master [permanent|static|dynamic]</c>.
    /// <paramref name="source"/> is null for an entry of the bridge device itself, which must be
    /// permanent. A dynamic entry needs a port that learns (learning or forwarding state).
    /// </summary>
    public NetlinkError? Add(BridgePort? source, MacAddress address, FdbState state, bool create, bool exclusive)
    {
        if (!address.IsValid || address.Value == 0) return new NetlinkError(Errno.EINVAL);
        if (source != null && state == FdbState.Dynamic &&
            source.State is not (PortState.Learning or PortState.Forwarding))
            return new NetlinkError(Errno.EPERM);
        if (source is null && state != FdbState.Permanent) return new NetlinkError(Errno.EINVAL);

        bool modified = false;
        if (!_table.TryGetValue(address, out var entry))
        {
            if (!create) return new NetlinkError(Errno.ENOENT);
            entry = Create(address, source, FdbFlags.None);
            modified = true;
        }
        else
        {
            if (exclusive) return new NetlinkError(Errno.EEXIST);
            if (entry.Port != source)
            {
                entry.Port = source;
                modified = true;
            }
        }
        var flags = state switch
        {
            FdbState.Permanent => FdbFlags.Local | FdbFlags.Static,
            FdbState.Static => FdbFlags.Static,
            _ => FdbFlags.None,
        };
        if ((entry.Flags & (FdbFlags.Local | FdbFlags.Static)) != flags)
        {
            entry.Flags = (entry.Flags & ~(FdbFlags.Local | FdbFlags.Static)) | flags;
            modified = true;
        }
        entry.Flags |= FdbFlags.AddedByUser;
        entry.Used = Now;
        if (modified) entry.Updated = Now;
        return null;
    }

    /// <summary>
    /// fdb_delete_by_addr_and_port: <c>bridge fdb del ADDR dev DEV master</c>; the entry must be
    /// behind that port (or the bridge's own for a null port).
    /// </summary>
    public NetlinkError? Delete(BridgePort? port, MacAddress address)
    {
        if (!_table.TryGetValue(address, out var entry) || entry.Port != port) return new NetlinkError(Errno.ENOENT);
        Remove(entry);
        return null;
    }
}
