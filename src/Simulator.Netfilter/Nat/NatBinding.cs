using Simulator.Core.Addressing;
using Simulator.Core.Engine;
using Simulator.Netfilter.Conntrack;
using Simulator.Netfilter.Targets;

namespace Simulator.Netfilter.Nat;

/// <summary>
/// Choosing a connection's NAT binding (net/netfilter/nf_nat_core.c nf_nat_setup_info and
/// get_unique_tuple): the new tuple keeps the original address and port when the range allows
/// and no other connection's reply would look the same; otherwise the address comes from the
/// range and the port (or ICMP identifier) is searched from a random offset in its range. The
/// connection's reply tuple is altered to match, so that answers are recognised and un-NATed.
/// </summary>
public static class NatBinding
{
    /// <summary>NF_NAT_MAX_ATTEMPTS: how many ports one round of the search tries.</summary>
    private const int MaxAttempts = 128;

    /// <summary>
    /// nf_nat_setup_info: bind the (unconfirmed) <paramref name="entry"/> to <paramref name="range"/>
    /// for <paramref name="type"/>. Without <see cref="NatRangeFlags.MapIps"/> the range's address
    /// part is taken from <paramref name="address"/> (the one MASQUERADE or REDIRECT chose).
    /// </summary>
    public static void Setup(ConntrackTable table, ConntrackEntry entry, NatRange range, NatManipType type, DeterministicRandom random)
    {
        if (entry.IsConfirmed) return;
        var current = entry.Reply.Invert();
        var chosen = UniqueTuple(table, current, range, entry, type, random);
        if (!chosen.Equals(current))
        {
            entry.Reply = chosen.Invert();
            entry.SetStatus(type == NatManipType.Source ? ConntrackStatus.SrcNat : ConntrackStatus.DstNat);
        }
        entry.SetStatus(type == NatManipType.Source ? ConntrackStatus.SrcNatDone : ConntrackStatus.DstNatDone);
    }

    /// <summary>
    /// __nf_nat_alloc_null_binding: no rule asked for a translation, but the connection must still
    /// not clash with another one's reply, so it is bound to its own address (ports may move).
    /// </summary>
    public static void SetupNull(ConntrackTable table, ConntrackEntry entry, NatManipType type, DeterministicRandom random)
    {
        var address = type == NatManipType.Source ? entry.Reply.Destination : entry.Reply.Source;
        Setup(table, entry, NatRange.ToAddress(address), type, random);
    }

    public static bool IsInitialized(ConntrackEntry entry, NatManipType type) =>
        entry.HasStatus(type == NatManipType.Source ? ConntrackStatus.SrcNatDone : ConntrackStatus.DstNatDone);

    private static ConntrackTuple UniqueTuple(ConntrackTable table, ConntrackTuple original, NatRange range,
        ConntrackEntry entry, NatManipType type, DeterministicRandom random)
    {
        bool randomAll = (range.Flags & (NatRangeFlags.ProtoRandom | NatRangeFlags.ProtoRandomFully)) != 0;

        // 1) A source mapping: keep the tuple if it fits, or reuse this source's current mapping.
        if (type == NatManipType.Source && !randomAll)
        {
            if (InRange(original, range))
            {
                if (!IsUsed(table, original, entry)) return original;
            }
            else if (FindSourceMapping(table, original, range, out var mapped) && !IsUsed(table, mapped, entry))
            {
                return mapped;
            }
        }

        // 2) The address: the only one, or one chosen by hashing the addresses.
        var tuple = ChooseAddress(original, range, type);

        // 3) The port or identifier, only if not already in range and unique.
        if (!randomAll)
        {
            if (range.HasPorts)
            {
                if (PortInRange(tuple, type, range) && (range.MinPort == range.MaxPort || !IsUsed(table, tuple, entry)))
                    return tuple;
            }
            else if (!IsUsed(table, tuple, entry))
            {
                return tuple;
            }
        }
        return UniquePort(table, tuple, range, entry, type, random);
    }

    /// <summary>nf_nat_used_tuple: would a connection's reply look like the inverse of <paramref name="tuple"/>?</summary>
    private static bool IsUsed(ConntrackTable table, in ConntrackTuple tuple, ConntrackEntry ignored) =>
        tuple.TryInvert(out var reply) && table.IsTaken(reply, ignored);

    private static bool InRange(in ConntrackTuple tuple, NatRange range)
    {
        if (range.HasAddresses && (tuple.Source.Value < range.MinAddress.Value || tuple.Source.Value > range.MaxAddress.Value))
            return false;
        return !range.HasPorts || PortInRange(tuple, NatManipType.Source, range);
    }

    private static bool PortInRange(in ConntrackTuple tuple, NatManipType type, NatRange range)
    {
        ushort port = tuple.Protocol switch
        {
            ConntrackTuple.Icmp => tuple.IcmpId,
            ConntrackTuple.Tcp or ConntrackTuple.Udp => type == NatManipType.Source ? tuple.SourcePort : tuple.DestinationPort,
            _ => (ushort)0,
        };
        if (!tuple.HasPorts && tuple.Protocol != ConntrackTuple.Icmp) return true;
        return port >= range.MinPort && port <= range.MaxPort;
    }

    /// <summary>find_appropriate_src: the mapping another connection from the same source got.</summary>
    private static bool FindSourceMapping(ConntrackTable table, in ConntrackTuple original, NatRange range, out ConntrackTuple result)
    {
        foreach (var other in table.BySource(original.Protocol, original.Source, original.SourcePort))
        {
            if (!other.Original.Source.Equals(original.Source) || other.Original.SourcePort != original.SourcePort) continue;
            var mapped = other.Reply.Invert();
            result = original with { Source = mapped.Source, SourcePort = mapped.SourcePort };
            if (InRange(result, range)) return true;
        }
        result = default;
        return false;
    }

    /// <summary>
    /// find_best_ips_proto: one address, or one picked from the range by jhash2 of the source
    /// address, keyed by the destination unless --persistent, so a client keeps its address.
    /// </summary>
    private static ConntrackTuple ChooseAddress(in ConntrackTuple tuple, NatRange range, NatManipType type)
    {
        if (!range.HasAddresses) return tuple;
        Ipv4Address chosen;
        if (range.MinAddress == range.MaxAddress)
        {
            chosen = range.MinAddress;
        }
        else
        {
            // The kernel hashes the address words as they lie in memory (network order read as
            // a little-endian u32 on x86).
            uint source = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(tuple.Source.Value);
            uint destination = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(tuple.Destination.Value);
            uint j = Jhash.Hash1(source, (range.Flags & NatRangeFlags.Persistent) != 0 ? 0 : destination);
            uint distance = range.MaxAddress.Value - range.MinAddress.Value + 1;
            chosen = new Ipv4Address(range.MinAddress.Value + (uint)((ulong)j * distance >> 32));
        }
        return type == NatManipType.Source ? tuple with { Source = chosen } : tuple with { Destination = chosen };
    }

    /// <summary>
    /// nf_nat_l4proto_unique_tuple: search the port (ICMP: identifier) range from a random offset,
    /// 128 at a time, halving the window and drawing a new offset after each failed round. Without
    /// a given range a source port stays in its class (1-511, 600-1023, 1024-65535); a destination
    /// port is not changed.
    /// </summary>
    private static ConntrackTuple UniquePort(ConntrackTable table, ConntrackTuple tuple, NatRange range, ConntrackEntry entry,
        NatManipType type, DeterministicRandom random)
    {
        int min, size;
        bool icmp = tuple.Protocol == ConntrackTuple.Icmp;
        if (icmp)
        {
            (min, size) = range.HasPorts ? (range.MinPort, range.MaxPort - range.MinPort + 1) : (0, 65536);
        }
        else if (tuple.HasPorts)
        {
            if (!range.HasPorts)
            {
                if (type == NatManipType.Destination) return tuple;
                ushort port = tuple.SourcePort;
                (min, size) = port < 512 ? (1, 511) : port < 1024 ? (600, 424) : (1024, 65535 - 1024 + 1);
            }
            else
            {
                int lo = Math.Min(range.MinPort, range.MaxPort), hi = Math.Max(range.MinPort, range.MaxPort);
                (min, size) = (lo, hi - lo + 1);
            }
        }
        else
        {
            return tuple;
        }

        ushort offset = (range.Flags & (NatRangeFlags.ProtoRandom | NatRangeFlags.ProtoRandomFully)) != 0 || type != NatManipType.Destination
            ? (ushort)random.Next(65536)
            : (ushort)0;
        int attempts = Math.Min(size, MaxAttempts);
        while (true)
        {
            for (int i = 0; i < attempts; i++, offset++)
            {
                var candidate = WithPort(tuple, (ushort)(min + offset % size), type, icmp);
                if (!IsUsed(table, candidate, entry)) return candidate;
                tuple = candidate;
            }
            if (attempts >= size || attempts < 16) return tuple;
            attempts /= 2;
            offset = (ushort)random.Next(65536);
        }
    }

    private static ConntrackTuple WithPort(in ConntrackTuple tuple, ushort port, NatManipType type, bool icmp) =>
        icmp || type == NatManipType.Source ? tuple with { SourcePort = port } : tuple with { DestinationPort = port };
}
