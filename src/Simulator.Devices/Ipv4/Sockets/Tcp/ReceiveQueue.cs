namespace Simulator.Devices.Ipv4.Sockets.Tcp;

/// <summary>The in-order bytes a socket has received and its program has not read (sk_receive_queue).</summary>
internal sealed class ReceiveQueue
{
    private readonly Queue<byte[]> _chunks = new();
    private int _offset;

    public int Length { get; private set; }

    public void Append(byte[] data)
    {
        if (data.Length == 0) return;
        _chunks.Enqueue(data);
        Length += data.Length;
    }

    public int Read(Span<byte> destination)
    {
        int copied = 0;
        while (copied < destination.Length && _chunks.Count > 0)
        {
            var chunk = _chunks.Peek();
            int count = Math.Min(chunk.Length - _offset, destination.Length - copied);
            chunk.AsSpan(_offset, count).CopyTo(destination[copied..]);
            copied += count;
            _offset += count;
            if (_offset == chunk.Length)
            {
                _chunks.Dequeue();
                _offset = 0;
            }
        }
        Length -= copied;
        return copied;
    }

    public void Clear()
    {
        _chunks.Clear();
        _offset = 0;
        Length = 0;
    }
}
