using Simulator.Core.Addressing;
using Simulator.Core.Engine;
using Timer = Simulator.Core.Engine.Timer;

namespace Simulator.Netfilter.Conntrack;

/// <summary>
/// A namespace's connection table (the nf_conntrack hash): every confirmed connection, found by
/// either of its tuples. Entries expire at their timeout: a lookup treats an expired entry as
/// gone (<c>nf_ct_is_expired</c>), and one timer, armed at the earliest deadline, removes them
/// when they are due (the garbage collector's work). Listeners get NEW, UPDATE and DESTROY events.
/// </summary>
public sealed class ConntrackTable
{
    private readonly Simulation _simulation;
    private readonly Dictionary<ConntrackTuple, ConntrackEntry> _byTuple = [];
    private readonly List<ConntrackEntry?> _order = [];
    private readonly Dictionary<(byte, uint, ushort), List<ConntrackEntry>> _bySource = [];
    private readonly PriorityQueue<ConntrackEntry, long> _deadlines = new();
    private readonly Timer _gc;
    private int _count;

    public ConntrackTable(Simulation simulation, ConntrackSettings? settings = null)
    {
        _simulation = simulation;
        Settings = settings ?? new ConntrackSettings();
        _gc = new Timer(simulation, CollectExpired);
    }

    public ConntrackSettings Settings { get; }
    public ConntrackStatistics Statistics { get; } = new();
    public Simulation Simulation => _simulation;
    public long Now => _simulation.Now;

    /// <summary>nf_conntrack_count.</summary>
    public int Count => _count;

    /// <summary>Raised for each event, when the kernel would deliver it to ctnetlink listeners.</summary>
    public event Action<ConntrackEvent>? Events;

    public bool HasListeners => Events is not null;

    /// <summary>The live entries, oldest first.</summary>
    public IEnumerable<ConntrackEntry> Entries
    {
        get
        {
            long now = Now;
            foreach (var entry in _order.ToList())
                if (entry is not null && entry.IsConfirmed && entry.Timeout > now) yield return entry;
        }
    }

    /// <summary>
    /// The connection one of whose tuples is <paramref name="tuple"/>, and which one; null when
    /// none, or when the one found has expired (it is removed then).
    /// </summary>
    public ConntrackEntry? Find(in ConntrackTuple tuple, out ConntrackDirection direction)
    {
        direction = ConntrackDirection.Original;
        if (!_byTuple.TryGetValue(tuple, out var entry)) return null;
        if (entry.Timeout <= Now)
        {
            Remove(entry, expired: true, deletedBy: null);
            return null;
        }
        direction = entry.Original.Equals(tuple) ? ConntrackDirection.Original : ConntrackDirection.Reply;
        return entry;
    }

    /// <summary>
    /// nf_conntrack_tuple_taken: does a confirmed connection other than <paramref name="ignored"/>
    /// use <paramref name="tuple"/> in either direction?
    /// </summary>
    public bool IsTaken(in ConntrackTuple tuple, ConntrackEntry? ignored)
    {
        var found = Find(tuple, out _);
        return found is not null && found != ignored;
    }

    /// <summary>A new, unconfirmed connection for a packet with tuple <paramref name="original"/>.</summary>
    public ConntrackEntry Create(in ConntrackTuple original, in ConntrackTuple reply) => new(original, reply);

    /// <summary>
    /// __nf_conntrack_confirm: put the connection of a packet that passed its last hook into the
    /// table. False (and the packet is dropped) if another connection took one of its tuples
    /// meanwhile.
    /// </summary>
    public bool Confirm(ConntrackEntry entry)
    {
        if (entry.IsConfirmed) return true;
        if (IsTaken(entry.Original, entry) || IsTaken(entry.Reply, entry))
        {
            Statistics.InsertFailed++;
            Statistics.Drop++;
            return false;
        }
        entry.SetStatus(ConntrackStatus.Confirmed);
        _byTuple[entry.Original] = entry;
        _byTuple[entry.Reply] = entry;
        entry.OrderSlot = _order.Count;
        _order.Add(entry);
        _count++;
        if (entry.HasStatus(ConntrackStatus.SrcNatDone)) AddBySource(entry);
        Schedule(entry);
        entry.PendingUpdate = false;
        Events?.Invoke(new ConntrackEvent(ConntrackEventKind.New, entry, false, null));
        return true;
    }

    /// <summary>nf_ct_refresh: the connection lives <paramref name="seconds"/> more from now.</summary>
    public void Refresh(ConntrackEntry entry, int seconds)
    {
        entry.Timeout = Now + seconds * Simulation.Second;
        if (!entry.IsConfirmed) return;
        // The deadline queue is lazy: an entry whose deadline moved later is re-queued when its
        // old deadline comes up; one that moved earlier needs the timer sooner.
        if (!_gc.IsArmed || entry.Timeout < _gc.ExpiresAt) Schedule(entry);
    }

    /// <summary>Deliver the UPDATE event a packet caused (nf_ct_deliver_cached_events).</summary>
    public void DeliverPendingEvents(ConntrackEntry entry)
    {
        if (!entry.PendingUpdate) return;
        entry.PendingUpdate = false;
        if (entry.IsConfirmed) Events?.Invoke(new ConntrackEvent(ConntrackEventKind.Update, entry, false, null));
    }

    /// <summary>nf_ct_kill: remove the connection now (deleted by a process when <paramref name="deletedBy"/> is set).</summary>
    public void Kill(ConntrackEntry entry, int? deletedBy = null)
    {
        if (!entry.IsConfirmed || entry.HasStatus(ConntrackStatus.Dying)) return;
        Remove(entry, expired: false, deletedBy);
    }

    /// <summary>conntrack -F: remove every connection.</summary>
    public void Flush(int? deletedBy)
    {
        foreach (var entry in Entries.ToList()) Kill(entry, deletedBy);
    }

    /// <summary>Connections whose original source is (protocol, address, port) and that have a source binding (nf_nat_bysource).</summary>
    public IReadOnlyList<ConntrackEntry> BySource(byte protocol, Ipv4Address source, ushort port) =>
        _bySource.TryGetValue((protocol, source.Value, port), out var list) ? list : [];

    private void AddBySource(ConntrackEntry entry)
    {
        var key = (entry.Protocol, entry.Original.Source.Value, entry.Original.SourcePort);
        if (!_bySource.TryGetValue(key, out var list)) _bySource[key] = list = [];
        list.Add(entry);
    }

    private void Remove(ConntrackEntry entry, bool expired, int? deletedBy)
    {
        if (entry.HasStatus(ConntrackStatus.Dying)) return;
        entry.SetStatus(ConntrackStatus.Dying);
        if (_byTuple.TryGetValue(entry.Original, out var a) && a == entry) _byTuple.Remove(entry.Original);
        if (_byTuple.TryGetValue(entry.Reply, out var b) && b == entry) _byTuple.Remove(entry.Reply);
        var key = (entry.Protocol, entry.Original.Source.Value, entry.Original.SourcePort);
        if (_bySource.TryGetValue(key, out var list))
        {
            list.Remove(entry);
            if (list.Count == 0) _bySource.Remove(key);
        }
        if (entry.OrderSlot >= 0)
        {
            // Leaving a hole keeps the listing in insertion order; compaction is amortised.
            _order[entry.OrderSlot] = null;
            entry.OrderSlot = -1;
            _removedSlots++;
            if (_removedSlots > 64 && _removedSlots > _order.Count / 2) Compact();
        }
        _count--;
        Events?.Invoke(new ConntrackEvent(ConntrackEventKind.Destroy, entry, expired, deletedBy));
    }

    private int _removedSlots;

    private void Compact()
    {
        _order.RemoveAll(e => e is null);
        for (int i = 0; i < _order.Count; i++) _order[i]!.OrderSlot = i;
        _removedSlots = 0;
    }

    private void Schedule(ConntrackEntry entry)
    {
        _deadlines.Enqueue(entry, entry.Timeout);
        if (!_gc.IsArmed || entry.Timeout < _gc.ExpiresAt) _gc.Arm(Math.Max(0, entry.Timeout - Now));
    }

    /// <summary>gc_worker: remove what has expired; re-queue what was refreshed since it was queued.</summary>
    private void CollectExpired()
    {
        long now = Now;
        while (_deadlines.TryPeek(out var entry, out long deadline) && deadline <= now)
        {
            _deadlines.Dequeue();
            if (entry.HasStatus(ConntrackStatus.Dying) || !entry.IsConfirmed) continue;
            if (entry.Timeout <= now) Remove(entry, expired: true, deletedBy: null);
            else _deadlines.Enqueue(entry, entry.Timeout);
        }
        if (_deadlines.TryPeek(out _, out long next)) _gc.Arm(Math.Max(0, next - now));
    }
}
