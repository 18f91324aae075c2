using Simulator.Core.Addressing;

namespace Simulator.Devices.Tests.Bridge;

/// <summary>
/// An obviously right forwarding database: a list scanned from end to end. Learning and local
/// entries follow br_fdb.c's rules as plainly as they can be said; the property test checks the
/// real table against it.
/// </summary>
internal sealed class SlowFdb
{
    public sealed record Row(MacAddress Address, int PortNo, bool Local, long Updated);

    private readonly List<Row> _rows = [];

    public IReadOnlyList<Row> Rows => _rows;

    /// <summary>A port's own address becomes local, unless some port already has it as local.</summary>
    public void AddLocal(int portNo, MacAddress address, long now)
    {
        var existing = _rows.Find(r => r.Address == address);
        if (existing is { Local: true }) return;
        if (existing != null) _rows.Remove(existing);
        _rows.Add(new Row(address, portNo, true, now));
    }

    /// <summary>A source seen on a port: refresh and move a learned entry, learn an unknown one, never touch a local one.</summary>
    public void Learn(int portNo, MacAddress address, long now)
    {
        int index = _rows.FindIndex(r => r.Address == address);
        if (index < 0)
        {
            _rows.Add(new Row(address, portNo, false, now));
            return;
        }
        if (_rows[index].Local) return;
        _rows[index] = _rows[index] with { PortNo = portNo, Updated = now };
    }

    /// <summary>Learned entries not refreshed for the ageing time are gone; local ones stay.</summary>
    public IEnumerable<Row> Live(long now, long ageingTime) => _rows.Where(r => r.Local || r.Updated + ageingTime > now);

    /// <summary>A port leaving: what it learned goes, and its local entry unless another port has that address.</summary>
    public void RemovePort(int portNo, IReadOnlyDictionary<int, MacAddress> remainingPorts)
    {
        foreach (var row in _rows.Where(r => r.PortNo == portNo).ToList())
        {
            _rows.Remove(row);
            if (!row.Local) continue;
            var heir = remainingPorts.Where(p => p.Value == row.Address).Select(p => (int?)p.Key).FirstOrDefault();
            if (heir != null) _rows.Add(row with { PortNo = heir.Value });
        }
    }
}
