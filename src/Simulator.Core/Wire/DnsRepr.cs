using System.Buffers.Binary;
using Simulator.Core.Addressing;
using Simulator.Core.Tracing;

namespace Simulator.Core.Wire;

/// <summary>
/// A DNS message (RFC 1035 section 4): the header's fields and the four sections. Unlike the other
/// reprs this one allocates (names are strings, sections are lists). Equality compares the sections
/// element by element.
/// </summary>
public readonly record struct DnsRepr
{
    private readonly IReadOnlyList<DnsQuestion>? _questions;
    private readonly IReadOnlyList<DnsRecord>? _answers;
    private readonly IReadOnlyList<DnsRecord>? _authorities;
    private readonly IReadOnlyList<DnsRecord>? _additionals;

    public ushort Id { get; init; }
    public bool IsResponse { get; init; }
    public DnsOpcode Opcode { get; init; }
    public bool AuthoritativeAnswer { get; init; }
    public bool Truncated { get; init; }
    public bool RecursionDesired { get; init; }
    public bool RecursionAvailable { get; init; }
    public bool AuthenticData { get; init; }
    public bool CheckingDisabled { get; init; }
    public DnsResponseCode ResponseCode { get; init; }

    public IReadOnlyList<DnsQuestion> Questions { get => _questions ?? []; init => _questions = value; }
    public IReadOnlyList<DnsRecord> Answers { get => _answers ?? []; init => _answers = value; }
    public IReadOnlyList<DnsRecord> Authorities { get => _authorities ?? []; init => _authorities = value; }
    public IReadOnlyList<DnsRecord> Additionals { get => _additionals ?? []; init => _additionals = value; }

    /// <summary>A recursive query for one name, as a stub resolver (glibc's) sends it.</summary>
    public static DnsRepr Query(ushort id, string name, DnsRecordType type = DnsRecordType.A) => new()
    {
        Id = id,
        RecursionDesired = true,
        Questions = [new DnsQuestion(name, type)],
    };

    /// <summary>
    /// The answer of a recursive resolver to <paramref name="query"/>: same id, question and RD,
    /// with RA set. For a name that does not exist pass no records and
    /// <see cref="DnsResponseCode.NameError"/> (NXDOMAIN).
    /// </summary>
    public static DnsRepr Response(in DnsRepr query, IReadOnlyList<DnsRecord> answers,
        DnsResponseCode responseCode = DnsResponseCode.NoError) => query with
    {
        IsResponse = true,
        RecursionAvailable = true,
        ResponseCode = responseCode,
        Answers = answers,
        Authorities = [],
        Additionals = [],
    };

    public int HeaderLength => DnsPacket.HeaderLength;

    /// <summary>The length of the message <see cref="Emit"/> writes (names compressed).</summary>
    public int BufferLength
    {
        get
        {
            var writer = new DnsWriter(default, measureOnly: true);
            Write(ref writer);
            return writer.Position;
        }
    }

    /// <summary>
    /// Reads a DNS message (the UDP payload): <see cref="DropReason.HdrTrunc"/> below 12 bytes;
    /// <see cref="DropReason.Malformed"/> when a section runs off the end, a name is bad (see
    /// <see cref="DnsName.TryRead"/>), an A record's RDATA is not 4 bytes, or a name in RDATA does
    /// not fill it. Bytes after the last record are ignored.
    /// </summary>
    public static DropReason TryParse(ReadOnlySpan<byte> bytes, out DnsRepr repr)
    {
        repr = default;
        var packet = new DnsPacket(ReadOnlyView.Of(bytes));
        if (bytes.Length < DnsPacket.HeaderLength) return DropReason.HdrTrunc;
        int offset = DnsPacket.HeaderLength;

        // A question takes at least 5 bytes and a record 11: a count that the bytes cannot hold is
        // found out before anything is allocated for it.
        var questions = new List<DnsQuestion>(Math.Min((int)packet.QuestionCount, (bytes.Length - offset) / 5));
        for (int i = 0; i < packet.QuestionCount; i++)
        {
            var reason = DnsName.TryRead(bytes, ref offset, out var name);
            if (reason != DropReason.None) return reason;
            if (offset + 4 > bytes.Length) return DropReason.Malformed;
            questions.Add(new DnsQuestion(name,
                (DnsRecordType)BinaryPrimitives.ReadUInt16BigEndian(bytes[offset..]),
                (DnsClass)BinaryPrimitives.ReadUInt16BigEndian(bytes[(offset + 2)..])));
            offset += 4;
        }

        var sections = new List<DnsRecord>[3];
        ReadOnlySpan<ushort> counts = [packet.AnswerCount, packet.AuthorityCount, packet.AdditionalCount];
        for (int s = 0; s < sections.Length; s++)
        {
            sections[s] = new List<DnsRecord>(Math.Min((int)counts[s], (bytes.Length - offset) / 11));
            for (int i = 0; i < counts[s]; i++)
            {
                var reason = TryReadRecord(bytes, ref offset, out var record);
                if (reason != DropReason.None) return reason;
                sections[s].Add(record);
            }
        }

        repr = new DnsRepr
        {
            Id = packet.Id,
            IsResponse = packet.IsResponse,
            Opcode = packet.Opcode,
            AuthoritativeAnswer = packet.AuthoritativeAnswer,
            Truncated = packet.Truncated,
            RecursionDesired = packet.RecursionDesired,
            RecursionAvailable = packet.RecursionAvailable,
            AuthenticData = packet.AuthenticData,
            CheckingDisabled = packet.CheckingDisabled,
            ResponseCode = packet.ResponseCode,
            Questions = questions,
            Answers = sections[0],
            Authorities = sections[1],
            Additionals = sections[2],
        };
        return DropReason.None;
    }

    private static DropReason TryReadRecord(ReadOnlySpan<byte> message, ref int offset, out DnsRecord record)
    {
        record = default;
        var reason = DnsName.TryRead(message, ref offset, out var name);
        if (reason != DropReason.None) return reason;
        // TYPE, CLASS, TTL, RDLENGTH: 10 bytes, then RDLENGTH bytes of RDATA.
        if (offset + 10 > message.Length) return DropReason.Malformed;
        var type = (DnsRecordType)BinaryPrimitives.ReadUInt16BigEndian(message[offset..]);
        var @class = (DnsClass)BinaryPrimitives.ReadUInt16BigEndian(message[(offset + 2)..]);
        uint ttl = BinaryPrimitives.ReadUInt32BigEndian(message[(offset + 4)..]);
        int dataLength = BinaryPrimitives.ReadUInt16BigEndian(message[(offset + 8)..]);
        offset += 10;
        if (offset + dataLength > message.Length) return DropReason.Malformed;
        int dataEnd = offset + dataLength;
        record = new DnsRecord(name, type, @class, ttl);
        if (type == DnsRecordType.A)
        {
            if (dataLength != 4) return DropReason.Malformed;
            record = record with { Address = Ipv4Address.Read(message[offset..]) };
        }
        else if (DnsRecord.HasNameData(type))
        {
            // The name may point anywhere before it, so it is read in the whole message.
            int nameOffset = offset;
            reason = DnsName.TryRead(message[..dataEnd], ref nameOffset, out var target);
            if (reason != DropReason.None) return reason;
            if (nameOffset != dataEnd) return DropReason.Malformed;
            record = record with { Target = target };
        }
        else
        {
            record = record with { Data = message[offset..dataEnd].ToArray() };
        }
        offset = dataEnd;
        return DropReason.None;
    }

    /// <summary>Writes the message into <paramref name="destination"/>, which must hold <see cref="BufferLength"/> bytes.</summary>
    public void Emit(Span<byte> destination)
    {
        int length = BufferLength;
        if (destination.Length < length)
            throw new ArgumentException($"a DNS message of {length} bytes does not fit", nameof(destination));
        var writer = new DnsWriter(destination, measureOnly: false);
        Write(ref writer);
    }

    private void Write(ref DnsWriter writer)
    {
        if (Questions.Count > ushort.MaxValue || Answers.Count > ushort.MaxValue
            || Authorities.Count > ushort.MaxValue || Additionals.Count > ushort.MaxValue)
            throw new InvalidOperationException("a DNS section holds at most 65535 entries");
        writer.WriteUInt16(Id);
        writer.WriteUInt16(FlagsWord());
        writer.WriteUInt16((ushort)Questions.Count);
        writer.WriteUInt16((ushort)Answers.Count);
        writer.WriteUInt16((ushort)Authorities.Count);
        writer.WriteUInt16((ushort)Additionals.Count);
        foreach (var question in Questions)
        {
            writer.WriteName(question.Name);
            writer.WriteUInt16((ushort)question.Type);
            writer.WriteUInt16((ushort)question.Class);
        }
        foreach (var section in (ReadOnlySpan<IReadOnlyList<DnsRecord>>)[Answers, Authorities, Additionals])
            foreach (var record in section)
                WriteRecord(ref writer, record);
    }

    private static void WriteRecord(ref DnsWriter writer, in DnsRecord record)
    {
        writer.WriteName(record.Name);
        writer.WriteUInt16((ushort)record.Type);
        writer.WriteUInt16((ushort)record.Class);
        writer.WriteUInt32(record.TimeToLive);
        int lengthAt = writer.Position;
        writer.WriteUInt16(0);
        int dataStart = writer.Position;
        if (record.Type == DnsRecordType.A)
        {
            if (!record.Address.IsValid) throw new InvalidOperationException($"A record {record.Name} has no address");
            writer.WriteUInt32(record.Address.Value);
        }
        else if (DnsRecord.HasNameData(record.Type))
        {
            writer.WriteName(record.Target ?? throw new InvalidOperationException($"{record.Type} record {record.Name} has no target"));
        }
        else
        {
            writer.WriteBytes(record.Data.Span);
        }
        int dataLength = writer.Position - dataStart;
        if (dataLength > ushort.MaxValue) throw new InvalidOperationException("RDATA longer than 65535 bytes");
        writer.PatchUInt16(lengthAt, (ushort)dataLength);
    }

    private ushort FlagsWord()
    {
        Span<byte> header = stackalloc byte[DnsPacket.HeaderLength];
        _ = new DnsPacket(header)
        {
            IsResponse = IsResponse,
            Opcode = Opcode,
            AuthoritativeAnswer = AuthoritativeAnswer,
            Truncated = Truncated,
            RecursionDesired = RecursionDesired,
            RecursionAvailable = RecursionAvailable,
            AuthenticData = AuthenticData,
            CheckingDisabled = CheckingDisabled,
            ResponseCode = ResponseCode,
        };
        return BinaryPrimitives.ReadUInt16BigEndian(header[DnsPacket.FlagsOffset..]);
    }

    public bool Equals(DnsRepr other) =>
        Id == other.Id && IsResponse == other.IsResponse && Opcode == other.Opcode
        && AuthoritativeAnswer == other.AuthoritativeAnswer && Truncated == other.Truncated
        && RecursionDesired == other.RecursionDesired && RecursionAvailable == other.RecursionAvailable
        && AuthenticData == other.AuthenticData && CheckingDisabled == other.CheckingDisabled
        && ResponseCode == other.ResponseCode
        && Questions.SequenceEqual(other.Questions) && Answers.SequenceEqual(other.Answers)
        && Authorities.SequenceEqual(other.Authorities) && Additionals.SequenceEqual(other.Additionals);

    public override int GetHashCode() =>
        HashCode.Combine(Id, FlagsWord(), Questions.Count, Answers.Count, Authorities.Count, Additionals.Count);

    public override string ToString() =>
        $"DnsRepr {{ Id = 0x{Id:x4}, {(IsResponse ? "response" : "query")}, {ResponseCode}, " +
        $"Questions = [{string.Join(", ", Questions)}], Answers = [{string.Join(", ", Answers)}], " +
        $"Authorities = {Authorities.Count}, Additionals = {Additionals.Count} }}";
}
