namespace Simulator.Core.Engine;

/// <summary>
/// A binary min-heap of events ordered by (time, sequence). The sequence number is assigned at
/// scheduling, so events due at the same instant run first-in first-out.
/// </summary>
internal sealed class EventQueue
{
    internal struct Entry
    {
        public long Time;
        public long Sequence;
        public IEventTarget Target;
        public object? Payload;
        public long Argument;
    }

    private Entry[] _heap = new Entry[1024];
    private long _nextSequence;

    public int Count { get; private set; }

    public long PeekTime => _heap[0].Time;

    public void Push(long time, IEventTarget target, object? payload, long argument)
    {
        if (Count == _heap.Length) Array.Resize(ref _heap, _heap.Length * 2);
        var entry = new Entry { Time = time, Sequence = _nextSequence++, Target = target, Payload = payload, Argument = argument };
        int i = Count++;
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            if (!Before(entry, _heap[parent])) break;
            _heap[i] = _heap[parent];
            i = parent;
        }
        _heap[i] = entry;
    }

    public Entry Pop()
    {
        var top = _heap[0];
        var last = _heap[--Count];
        _heap[Count] = default;
        if (Count > 0)
        {
            int i = 0;
            while (true)
            {
                int child = 2 * i + 1;
                if (child >= Count) break;
                if (child + 1 < Count && Before(_heap[child + 1], _heap[child])) child++;
                if (!Before(_heap[child], last)) break;
                _heap[i] = _heap[child];
                i = child;
            }
            _heap[i] = last;
        }
        return top;
    }

    private static bool Before(in Entry a, in Entry b) =>
        a.Time < b.Time || (a.Time == b.Time && a.Sequence < b.Sequence);
}
