using FsCheck;
using FsCheck.Fluent;
using Simulator.Core.Addressing;
using Simulator.Core.Tracing;
using Simulator.Core.Wire;

namespace Simulator.Core.Tests.Wire;

/// <summary>
/// Properties over random input: no parser throws or writes its input, whatever the bytes; and
/// every valid repr survives emit then parse unchanged.
/// </summary>
public class WirePropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(1000);

    private static readonly Gen<byte> Byte = Gen.Choose(0, 255).Select(i => (byte)i);
    private static readonly Gen<ushort> UInt16 = Gen.Choose(0, ushort.MaxValue).Select(i => (ushort)i);
    private static readonly Gen<uint> UInt32 = from hi in UInt16 from lo in UInt16 select (uint)hi << 16 | lo;
    private static readonly Gen<bool> Bool = Gen.Elements(true, false);
    private static readonly Gen<Ipv4Address> Address = UInt32.Select(v => new Ipv4Address(v));
    private static readonly Gen<MacAddress> Mac = from hi in UInt16 from lo in UInt32 select new MacAddress((ulong)hi << 32 | lo);
    private static readonly Gen<byte[]> Bytes = Gen.ArrayOf(Byte);

    private static Gen<List<T>> UpTo<T>(Gen<T> gen, int max) =>
        Gen.Choose(0, max).SelectMany(n => Gen.ListOf(gen, n)).Select(list => list.ToList());

    // Real packets with random damage reach deeper into the parsers than noise does.
    private static readonly byte[][] Seeds =
    [
        Hex.Parse("450000241c46400040019b37c0a8010ac0a8010108005435123400016162636465666768"),
        Hex.Parse("0001080006040001525400123456c0a8010a000000000000c0a80101"),
        Hex.Parse("0303807a0000000045000024424240004011752bc0a8010ac0a801019c40829a0010a0467061796c6f616421"),
        Hex.Parse("a8ca00500102030400000000a002faf0d82c0000020405b40402080a112233440000000001030307"),
        Hex.Parse("beef8180000100020000000003777777076578616d706c6503636f6d0000010001c00c000500010000012c0002c010c0100001000100000e1000045db8d822"),
        Hex.Parse("0a1b2c3d4e5f5254001234568100b0640806"),
    ];

    private static readonly Gen<byte[]> Damaged =
        from seed in Gen.Elements(Seeds)
        from edits in Gen.ListOf(Gen.Zip(Gen.Choose(0, 127), Byte), 4)
        from cut in Gen.Choose(0, 130)
        select Damage(seed, edits, cut);

    private static byte[] Damage(byte[] seed, IEnumerable<(int, byte)> edits, int cut)
    {
        var bytes = (byte[])seed.Clone();
        foreach (var (at, value) in edits) bytes[at % bytes.Length] = value;
        return bytes[..Math.Min(cut, bytes.Length)];
    }

    private static readonly Gen<byte[]> AnyBytes = Gen.OneOf(Bytes, Damaged);

    [Test]
    public void No_parser_throws_or_writes_its_input()
    {
        Check.One(Runs, Prop.ForAll(AnyBytes.ToArbitrary(), Address.ToArbitrary(), (bytes, address) =>
        {
            var copy = (byte[])bytes.Clone();
            foreach (var mode in new[] { ChecksumMode.Verify, ChecksumMode.Ignore })
            {
                EthernetRepr.TryParse(bytes, out _);
                ArpRepr.TryParse(bytes, out _);
                Ipv4Repr.TryParse(bytes, mode, out _);
                Ipv4Repr.TryParseQuoted(bytes, mode, out _);
                IcmpRepr.TryParse(bytes, mode, out _);
                IcmpRepr.TryParseQuoted(bytes, mode, out _, out _);
                UdpRepr.TryParse(bytes, address, address, mode, out _);
                TcpRepr.TryParse(bytes, address, address, mode, out _);
                DnsRepr.TryParse(bytes, out _);
            }
            return bytes.AsSpan().SequenceEqual(copy);
        }));
    }

    [Test]
    public void A_successful_parse_gives_a_view_whose_members_are_in_bounds()
    {
        Check.One(Runs, Prop.ForAll(AnyBytes.ToArbitrary(), bytes =>
        {
            if (Ipv4Packet.TryCreate(bytes, out var ip) == DropReason.None)
                _ = (ip.Options.Length, ip.Payload.Length, ip.Header.Length);
            if (EthernetFrame.TryCreate(bytes, out var ethernet) == DropReason.None)
                _ = (ethernet.PayloadEtherType, ethernet.HasVlanTag ? ethernet.VlanTag : default, ethernet.Payload.Length);
            if (UdpPacket.TryCreate(bytes, out var udp) == DropReason.None)
                _ = udp.Payload.Length;
            if (TcpPacket.TryCreate(bytes, out var tcp) == DropReason.None)
                _ = (tcp.Options.Length, tcp.Payload.Length);
            if (IcmpPacket.TryCreate(bytes, out var icmp) == DropReason.None)
                _ = (icmp.Gateway, icmp.Payload.Length, icmp.TryParseQuoted(ChecksumMode.Ignore, out _, out _));
            if (ArpPacket.TryCreate(bytes, out var arp) == DropReason.None)
                _ = arp.TargetProtocolAddress;
            if (DnsPacket.TryCreate(bytes, out var dns) == DropReason.None)
                _ = dns.AdditionalCount;
            return true;
        }));
    }

    [Test]
    public void Ethernet_round_trips()
    {
        var reprs = from destination in Mac
                    from source in Mac
                    from type in UInt16
                    from tagged in Bool
                    from id in Gen.Choose(0, 4095)
                    from priority in Gen.Choose(0, 7)
                    from dei in Bool
                    select new EthernetRepr(destination, source, (EtherType)type,
                        tagged ? new VlanTag((ushort)id, (byte)priority, dei) : null);
        Check.One(Runs, Prop.ForAll(reprs.ToArbitrary(), repr =>
        {
            var bytes = new byte[repr.HeaderLength];
            repr.Emit(bytes);
            // An untagged frame whose type is 0x8100 reads as a tagged one; that is the wire's ambiguity.
            if (repr.Vlan is null && repr.EtherType == EtherType.Vlan) return true;
            return EthernetRepr.TryParse(bytes, out var parsed) == DropReason.None && parsed == repr;
        }));
    }

    [Test]
    public void Arp_round_trips()
    {
        var reprs = from operation in Gen.Elements(ArpOperation.Request, ArpOperation.Reply)
                    from sha in Mac
                    from spa in Address
                    from tha in Mac
                    from tpa in Address
                    select new ArpRepr(operation, sha, spa, tha, tpa);
        Check.One(Runs, Prop.ForAll(reprs.ToArbitrary(), repr =>
        {
            var bytes = new byte[repr.BufferLength];
            repr.Emit(bytes);
            return ArpRepr.TryParse(bytes, out var parsed) == DropReason.None && parsed == repr;
        }));
    }

    private static readonly Gen<Ipv4Repr> Ipv4Reprs =
        from source in Address
        from destination in Address
        from protocol in Byte
        from payloadLength in Gen.Choose(0, 100)
        from ttl in Byte
        from tos in Byte
        from identification in UInt16
        from df in Bool
        from mf in Bool
        from offset in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(0, 0x1FFF)))
        from options in Gen.Choose(0, 10)
        select new Ipv4Repr(source, destination, (IpProtocol)protocol, payloadLength, ttl)
        {
            Tos = tos,
            Identification = identification,
            DontFragment = df,
            MoreFragments = mf,
            FragmentOffset = offset * 8,
            OptionsLength = options * 4,
        };

    [Test]
    public void Ipv4_round_trips()
    {
        Check.One(Runs, Prop.ForAll(Ipv4Reprs.ToArbitrary(), repr =>
        {
            var bytes = new byte[repr.BufferLength];
            repr.Emit(bytes);
            var expected = repr.IsFragment ? DropReason.IpFragment : DropReason.None;
            return Ipv4Repr.TryParse(bytes, ChecksumMode.Verify, out var parsed) == expected && parsed == repr;
        }));
    }

    [Test]
    public void Ttl_decrement_agrees_with_recomputing_the_checksum()
    {
        Check.One(Runs, Prop.ForAll(Ipv4Reprs.Where(r => r.Ttl > 0).ToArbitrary(), repr =>
        {
            var bytes = new byte[repr.BufferLength];
            repr.Emit(bytes);
            var packet = new Ipv4Packet(bytes);
            packet.DecrementTtl();
            return packet.Checksum == packet.ComputeChecksum() && packet.Ttl == repr.Ttl - 1;
        }));
    }

    [Test]
    public void Icmp_round_trips()
    {
        var reprs = from type in Byte
                    from code in Byte
                    from rest in UInt32
                    from payload in Bytes
                    select (new IcmpRepr((IcmpType)type, code, rest, payload.Length), payload);
        Check.One(Runs, Prop.ForAll(reprs.ToArbitrary(), pair =>
        {
            var (repr, payload) = pair;
            var bytes = new byte[repr.BufferLength];
            repr.Emit(bytes, payload);
            return IcmpRepr.TryParse(bytes, ChecksumMode.Verify, out var parsed) == DropReason.None && parsed == repr
                   && bytes.AsSpan(8).SequenceEqual(payload);
        }));
    }

    [Test]
    public void Udp_round_trips()
    {
        var cases = from source in UInt16
                    from destination in UInt16
                    from payload in Bytes
                    from sourceAddress in Address
                    from destinationAddress in Address
                    select (new UdpRepr(source, destination, payload.Length), payload, sourceAddress, destinationAddress);
        Check.One(Runs, Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var bytes = new byte[c.Item1.BufferLength];
            c.Item1.Emit(bytes, c.sourceAddress, c.destinationAddress, c.payload);
            return new UdpPacket(bytes).Checksum != 0
                   && UdpRepr.TryParse(bytes, c.sourceAddress, c.destinationAddress, ChecksumMode.Verify, out var parsed) == DropReason.None
                   && parsed == c.Item1;
        }));
    }

    [Test]
    public void Tcp_round_trips()
    {
        var cases = from ports in Gen.Zip(UInt16, UInt16)
                    from numbers in Gen.Zip(UInt32, UInt32)
                    from flags in Gen.Choose(0, 0x1FF)
                    from window in UInt16
                    from urgent in UInt16
                    from options in Gen.Choose(0, 10).SelectMany(words => Gen.ArrayOf(Byte, words * 4))
                    from payload in Bytes
                    from addresses in Gen.Zip(Address, Address)
                    select (new TcpRepr(ports.Item1, ports.Item2, numbers.Item1, numbers.Item2, (TcpFlags)flags, window, payload.Length)
                    {
                        UrgentPointer = urgent,
                        OptionsLength = options.Length,
                    }, options, payload, addresses);
        Check.One(Runs, Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (repr, options, payload, (source, destination)) = c;
            var bytes = new byte[repr.BufferLength];
            repr.Emit(bytes, source, destination, payload, options);
            var packet = new TcpPacket(bytes);
            return TcpRepr.TryParse(bytes, source, destination, ChecksumMode.Verify, out var parsed) == DropReason.None
                   && parsed == repr && packet.Options.SequenceEqual(options) && packet.Payload.SequenceEqual(payload);
        }));
    }

    private static readonly Gen<string> Label =
        from length in Gen.Choose(1, 12)
        from chars in Gen.ArrayOf(Gen.Elements("abcdefghijklmnopqrstuvwxyz0123456789-_ABC".ToCharArray()), length)
        select new string(chars);

    // Few distinct labels, so that names share suffixes and compression has work to do.
    private static readonly Gen<string> Name =
        from labels in Gen.Choose(0, 4).SelectMany(n => Gen.ArrayOf(Gen.OneOf(Label, Gen.Elements("www", "example", "com")), n))
        select labels.Length == 0 ? DnsName.Root : string.Join('.', labels);

    private static readonly Gen<DnsRecord> Records = Gen.OneOf(
        from name in Name from ttl in UInt32 from address in Address select DnsRecord.A(name, ttl, address),
        from name in Name from ttl in UInt32 from target in Name select DnsRecord.Cname(name, ttl, target),
        from name in Name from ttl in UInt32 from data in Gen.ArrayOf(Byte, 16)
        select new DnsRecord(name, DnsRecordType.AAAA, DnsClass.Internet, ttl) { Data = data });

    [Test]
    public void Dns_round_trips()
    {
        var reprs = from id in UInt16
                    from flags in Gen.ArrayOf(Bool, 8)
                    from opcode in Gen.Elements(DnsOpcode.Query, DnsOpcode.Status, DnsOpcode.Update)
                    from rcode in Gen.Choose(0, 15)
                    from questions in UpTo(from name in Name from type in UInt16 select new DnsQuestion(name, (DnsRecordType)type), 3)
                    from answers in UpTo(Records, 4)
                    from authorities in UpTo(Records, 2)
                    from additionals in UpTo(Records, 2)
                    select new DnsRepr
                    {
                        Id = id,
                        IsResponse = flags[0],
                        Opcode = opcode,
                        AuthoritativeAnswer = flags[1],
                        Truncated = flags[2],
                        RecursionDesired = flags[3],
                        RecursionAvailable = flags[4],
                        AuthenticData = flags[5],
                        CheckingDisabled = flags[6],
                        ResponseCode = (DnsResponseCode)rcode,
                        Questions = questions,
                        Answers = answers,
                        Authorities = authorities,
                        Additionals = additionals,
                    };
        Check.One(Runs, Prop.ForAll(reprs.ToArbitrary(), repr =>
        {
            var bytes = new byte[repr.BufferLength];
            repr.Emit(bytes);
            return DnsRepr.TryParse(bytes, out var parsed) == DropReason.None && parsed == repr;
        }));
    }
}
