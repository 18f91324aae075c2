namespace Simulator.Devices.Ipv4.Sockets.Tcp;

/// <summary>
/// The bytes a socket has accepted from its program and the peer has not yet acknowledged (the
/// kernel's write and retransmit queues together), starting at sequence number <see cref="StartSeq"/>.
/// </summary>
internal sealed class SendQueue
{
    private byte[] _buffer = new byte[256];
    private int _head;

    public int Length { get; private set; }

    /// <summary>The sequence number of the first byte held.</summary>
    public uint StartSeq { get; set; }

    /// <summary>write_seq: the sequence number after the last byte held.</summary>
    public uint EndSeq => StartSeq + (uint)Length;

    public void Append(ReadOnlySpan<byte> data)
    {
        if (_head + Length + data.Length > _buffer.Length)
        {
            var grown = new byte[Math.Max(_buffer.Length * 2, Length + data.Length)];
            _buffer.AsSpan(_head, Length).CopyTo(grown);
            _buffer = grown;
            _head = 0;
        }
        data.CopyTo(_buffer.AsSpan(_head + Length));
        Length += data.Length;
    }

    /// <summary>Drops the bytes before <paramref name="seq"/>: the peer has them.</summary>
    public void AcknowledgeTo(uint seq)
    {
        int count = (int)Math.Min((uint)Length, seq - StartSeq);
        if (count <= 0 || SequenceNumbers.Before(seq, StartSeq)) return;
        _head += count;
        Length -= count;
        StartSeq += (uint)count;
        if (Length == 0) _head = 0;
    }

    /// <summary>The bytes from <paramref name="seq"/>, at most <paramref name="count"/>.</summary>
    public ReadOnlySpan<byte> Slice(uint seq, int count)
    {
        int offset = (int)(seq - StartSeq);
        return _buffer.AsSpan(_head + offset, Math.Min(count, Length - offset));
    }
}
