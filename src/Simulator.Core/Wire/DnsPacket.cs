using System.Buffers.Binary;
using Simulator.Core.Tracing;

namespace Simulator.Core.Wire;

/// <summary>
/// A view of the fixed header of a DNS message (RFC 1035 section 4.1.1). The sections after it
/// hold variable-length names, so they are read by <see cref="DnsRepr.TryParse"/>, not here.
/// </summary>
public readonly ref struct DnsPacket
{
    public const int IdOffset = 0;
    public const int FlagsOffset = 2;
    public const int QuestionCountOffset = 4;
    public const int AnswerCountOffset = 6;
    public const int AuthorityCountOffset = 8;
    public const int AdditionalCountOffset = 10;
    public const int HeaderLength = 12;
    /// <summary>The classic limit of a DNS message over UDP without EDNS (RFC 1035 section 2.3.4).</summary>
    public const int MaxUdpMessageLength = 512;
    /// <summary>The port a resolver sends its queries to.</summary>
    public const ushort Port = 53;

    // Bits of the flags word: QR, Opcode (4), AA, TC, RD, RA, Z, AD, CD, RCODE (4).
    private const ushort ResponseBit = 0x8000;
    private const int OpcodeShift = 11;
    private const ushort AuthoritativeBit = 0x0400;
    private const ushort TruncatedBit = 0x0200;
    private const ushort RecursionDesiredBit = 0x0100;
    private const ushort RecursionAvailableBit = 0x0080;
    private const ushort AuthenticDataBit = 0x0020;
    private const ushort CheckingDisabledBit = 0x0010;

    private readonly Span<byte> _buffer;

    public DnsPacket(Span<byte> buffer) => _buffer = buffer;

    public static DropReason TryCreate(Span<byte> buffer, out DnsPacket packet)
    {
        packet = new DnsPacket(buffer);
        return buffer.Length < HeaderLength ? DropReason.HdrTrunc : DropReason.None;
    }

    public Span<byte> Buffer => _buffer;

    public ushort Id
    {
        get => BinaryPrimitives.ReadUInt16BigEndian(_buffer[IdOffset..]);
        set => BinaryPrimitives.WriteUInt16BigEndian(_buffer[IdOffset..], value);
    }

    /// <summary>The whole flags word; the named properties read and write its parts.</summary>
    public ushort Flags
    {
        get => BinaryPrimitives.ReadUInt16BigEndian(_buffer[FlagsOffset..]);
        set => BinaryPrimitives.WriteUInt16BigEndian(_buffer[FlagsOffset..], value);
    }

    public bool IsResponse { get => Get(ResponseBit); set => Set(ResponseBit, value); }

    public DnsOpcode Opcode
    {
        get => (DnsOpcode)(Flags >> OpcodeShift & 0xF);
        set => Flags = (ushort)((Flags & ~(0xF << OpcodeShift)) | ((int)value & 0xF) << OpcodeShift);
    }

    public bool AuthoritativeAnswer { get => Get(AuthoritativeBit); set => Set(AuthoritativeBit, value); }
    public bool Truncated { get => Get(TruncatedBit); set => Set(TruncatedBit, value); }
    public bool RecursionDesired { get => Get(RecursionDesiredBit); set => Set(RecursionDesiredBit, value); }
    public bool RecursionAvailable { get => Get(RecursionAvailableBit); set => Set(RecursionAvailableBit, value); }
    public bool AuthenticData { get => Get(AuthenticDataBit); set => Set(AuthenticDataBit, value); }
    public bool CheckingDisabled { get => Get(CheckingDisabledBit); set => Set(CheckingDisabledBit, value); }

    public DnsResponseCode ResponseCode
    {
        get => (DnsResponseCode)(Flags & 0xF);
        set => Flags = (ushort)((Flags & ~0xF) | ((int)value & 0xF));
    }

    public ushort QuestionCount
    {
        get => BinaryPrimitives.ReadUInt16BigEndian(_buffer[QuestionCountOffset..]);
        set => BinaryPrimitives.WriteUInt16BigEndian(_buffer[QuestionCountOffset..], value);
    }

    public ushort AnswerCount
    {
        get => BinaryPrimitives.ReadUInt16BigEndian(_buffer[AnswerCountOffset..]);
        set => BinaryPrimitives.WriteUInt16BigEndian(_buffer[AnswerCountOffset..], value);
    }

    public ushort AuthorityCount
    {
        get => BinaryPrimitives.ReadUInt16BigEndian(_buffer[AuthorityCountOffset..]);
        set => BinaryPrimitives.WriteUInt16BigEndian(_buffer[AuthorityCountOffset..], value);
    }

    public ushort AdditionalCount
    {
        get => BinaryPrimitives.ReadUInt16BigEndian(_buffer[AdditionalCountOffset..]);
        set => BinaryPrimitives.WriteUInt16BigEndian(_buffer[AdditionalCountOffset..], value);
    }

    private bool Get(ushort bit) => (Flags & bit) != 0;

    private void Set(ushort bit, bool value) => Flags = (ushort)(value ? Flags | bit : Flags & ~bit);
}
