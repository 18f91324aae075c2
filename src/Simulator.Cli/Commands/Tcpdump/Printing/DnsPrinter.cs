using System.Globalization;
using System.Net;
using Simulator.Core.Addressing;

namespace Simulator.Cli.Commands.Tcpdump.Printing;

/// <summary>
/// domain_print (print-domain.c) for DNS over UDP: a query reads <c>12345+ A? www.baidu.com. (31)</c>,
/// a response <c>12345 2/0/0 CNAME www.a.shifen.com., A 14.119.104.254 (106)</c>, with the id,
/// opcode, rcode and flag marks, the section counts and the answers; -v names the owner of each
/// record, -vv prints the question of a response and the other sections.
/// </summary>
internal static class DnsPrinter
{
    private const int HeaderLength = 12;
    private const ushort ClassInternet = 1;
    private const ushort TypeA = 1, TypeNs = 2, TypeCname = 5, TypeSoa = 6, TypePtr = 12, TypeMx = 15,
        TypeTxt = 16, TypeAaaa = 28, TypeSrv = 33, TypeDname = 39, TypeOpt = 41;
    private const int MaxNameLength = 255;

    private static readonly string[] Opcodes =
    [
        "", " inv_q", " stat", " op3", " notify", " update", " op6", " op7", " op8", " updateA",
        " updateD", " updateDA", " updateM", " updateMA", " zoneInit", " zoneRef",
    ];

    private static readonly string[] ResponseCodes =
    [
        "", " FormErr", " ServFail", " NXDomain", " NotImp", " Refused", " YXDomain", " YXRRSet",
        " NXRRSet", " NotAuth", " NotZone", " Resp11", " Resp12", " Resp13", " Resp14", " NoChange",
    ];

    /// <summary>ns_type2str (measured: a query of every type).</summary>
    private static readonly Dictionary<ushort, string> TypeNames = new()
    {
        [1] = "A", [2] = "NS", [3] = "MD", [4] = "MF", [5] = "CNAME", [6] = "SOA", [7] = "MB", [8] = "MG",
        [9] = "MR", [10] = "NULL", [11] = "WKS", [12] = "PTR", [13] = "HINFO", [14] = "MINFO", [15] = "MX",
        [16] = "TXT", [17] = "RP", [18] = "AFSDB", [19] = "X25", [20] = "ISDN", [21] = "RT", [22] = "NSAP",
        [23] = "NSAP_PTR", [24] = "SIG", [25] = "KEY", [26] = "PX", [27] = "GPOS", [28] = "AAAA", [29] = "LOC",
        [30] = "NXT", [31] = "EID", [32] = "NIMLOC", [33] = "SRV", [34] = "ATMA", [35] = "NAPTR", [36] = "KX",
        [37] = "CERT", [38] = "A6", [39] = "DNAME", [40] = "SINK", [41] = "OPT", [42] = "APL", [43] = "DS",
        [44] = "SSHFP", [45] = "IPSECKEY", [46] = "RRSIG", [47] = "NSEC", [48] = "DNSKEY", [99] = "SPF",
        [100] = "UINFO", [101] = "UID", [102] = "GID", [103] = "UNSPEC", [104] = "UNSPECA", [249] = "TKEY",
        [250] = "TSIG", [251] = "IXFR", [252] = "AXFR", [253] = "MAILB", [254] = "MAILA", [255] = "ANY",
        [256] = "URI",
    };

    private static string TypeName(ushort type) => TypeNames.GetValueOrDefault(type) ?? $"Type{type}";

    private static string ClassName(ushort @class) => @class switch
    {
        3 => "CHAOS",
        4 => "HS",
        255 => "ANY",
        _ => $"(Class {@class})",
    };

    /// <param name="offset">Where the DNS message starts (after the UDP header).</param>
    /// <param name="length">The UDP payload length.</param>
    public static void Print(Dissection d, int offset, int length)
    {
        d.Protocol = "domain";
        if (length < HeaderLength)
        {
            d.Print($"domain [length {length} < {HeaderLength}] (invalid)");
            return;
        }
        d.Require(offset, HeaderLength);
        ushort id = d.U16(offset);
        ushort flags = d.U16(offset + 2);
        int questions = d.U16(offset + 4), answers = d.U16(offset + 6);
        int authorities = d.U16(offset + 8), additionals = d.U16(offset + 10);
        int opcode = (flags >> 11) & 0xf;
        int rcode = ExtendedResponseCode(d, offset, flags & 0xf, questions, answers + authorities, additionals);
        int cp = offset + HeaderLength;

        if ((flags & 0x8000) != 0)
        {
            d.Print($"{id}{Opcodes[opcode]}{ResponseCode(rcode)}");
            d.Print($"{((flags & 0x0400) != 0 ? "*" : "")}{((flags & 0x0080) != 0 ? "" : "-")}");
            d.Print($"{((flags & 0x0200) != 0 ? "|" : "")}{((flags & 0x0020) != 0 ? "$" : "")}");
            if (questions != 1) d.Print($" [{questions}q]");
            for (int i = 0; i < questions; i++)
            {
                if (i != 0) d.Print(",");
                if (d.Options.Verbosity > 1)
                {
                    d.Print(" q:");
                    cp = Question(d, cp, offset);
                }
                else
                {
                    cp = SkipName(d, cp) + 4;
                }
            }
            d.Print($" {answers}/{authorities}/{additionals}");
            cp = Section(d, cp, offset, answers, "");
            if (d.Options.Verbosity > 1)
            {
                cp = Section(d, cp, offset, authorities, " ns:");
                Section(d, cp, offset, additionals, " ar:");
            }
        }
        else
        {
            d.Print($"{id}{Opcodes[opcode]}{((flags & 0x0100) != 0 ? "+" : "")}{((flags & 0x0010) != 0 ? "%" : "")}");
            if ((flags & 0x6cf) != 0) d.Print($" [b2&3=0x{flags:x}]");
            if (opcode == 1)
            {
                if (questions != 0) d.Print($" [{questions}q]");
                if (answers != 1) d.Print($" [{answers}a]");
            }
            else
            {
                if (answers != 0) d.Print($" [{answers}a]");
                if (questions != 1) d.Print($" [{questions}q]");
            }
            if (authorities != 0) d.Print($" [{authorities}n]");
            if (additionals != 0) d.Print($" [{additionals}au]");
            for (int i = 0; i < questions; i++) cp = Question(d, cp, offset);
            if (d.Options.Verbosity > 1)
            {
                cp = Section(d, cp, offset, answers, " an:");
                cp = Section(d, cp, offset, authorities, " ns:");
                Section(d, cp, offset, additionals, " ar:");
            }
        }
        d.Print($" ({length})");
    }

    private static string ResponseCode(int rcode) =>
        rcode < ResponseCodes.Length ? ResponseCodes[rcode] : string.Create(CultureInfo.InvariantCulture, $" Resp{rcode & 0xfff}");

    // An OPT record in the additional section carries the high bits of the response code (RFC 6891).
    private static int ExtendedResponseCode(Dissection d, int message, int rcode, int questions, int records, int additionals)
    {
        int cp = message + HeaderLength;
        for (int i = 0; i < questions; i++)
        {
            if (TrySkipName(d, cp) is not { } next) return rcode;
            cp = next + 4;
            if (cp >= d.SnapEnd) return rcode;
        }
        for (int i = 0; i < records; i++)
        {
            if (TrySkipName(d, cp) is not { } next) return rcode;
            cp = next + 8;
            if (!d.Has(cp, 2)) return rcode;
            cp += d.U16(cp) + 2;
        }
        for (int i = 0; i < additionals; i++)
        {
            if (TrySkipName(d, cp) is not { } next) return rcode;
            cp = next;
            if (!d.Has(cp, 2)) return rcode;
            ushort type = d.U16(cp);
            cp += 4;
            if (!d.Has(cp, 1)) return rcode;
            if (type == TypeOpt) return rcode | d.U8(cp) << 4;
            cp += 4;
            if (!d.Has(cp, 2)) return rcode;
            cp += d.U16(cp) + 2;
        }
        return rcode;
    }

    // ns_qprint: " A? www.baidu.com."
    private static int Question(Dissection d, int cp, int message)
    {
        int name = cp;
        cp = SkipName(d, cp);
        d.Require(cp, 4);
        ushort type = d.U16(cp);
        ushort @class = d.U16(cp + 2);
        d.Print($" {TypeName(type)}");
        if (@class != ClassInternet) d.Print($" {ClassName(@class)}");
        d.Print("? ");
        return Name(d, name, message) + 4;
    }

    private static int Section(Dissection d, int cp, int message, int count, string label)
    {
        if (count == 0) return cp;
        d.Print(label);
        for (int i = 0; i < count; i++)
        {
            if (i != 0) d.Print(",");
            cp = Record(d, cp, message);
        }
        return cp;
    }

    // ns_rprint
    private static int Record(Dissection d, int cp, int message)
    {
        if (d.Options.Verbosity > 0)
        {
            d.Print(" ");
            cp = Name(d, cp, message);
        }
        else
        {
            cp = SkipName(d, cp);
        }
        d.Require(cp, 10);
        ushort type = d.U16(cp);
        ushort @class = d.U16(cp + 2);
        if (@class != ClassInternet && type != TypeOpt) d.Print($" {ClassName(@class)}");
        ushort optFlags = type == TypeOpt ? d.U16(cp + 6) : (ushort)0;
        int dataLength = d.U16(cp + 8);
        cp += 10;
        int end = cp + dataLength;
        d.Print($" {TypeName(type)}");
        d.Require(cp, dataLength);
        switch (type)
        {
            case TypeA:
                d.Print($" {new Ipv4Address(d.U32(cp))}");
                break;
            case TypeNs or TypeCname or TypePtr or TypeDname:
                d.Print(" ");
                Name(d, cp, message);
                break;
            case TypeSoa:
                if (d.Options.Verbosity == 0) break;
                d.Print(" ");
                int next = Name(d, cp, message);
                d.Print(" ");
                next = Name(d, next, message);
                d.Require(next, 20);
                for (int i = 0; i < 5; i++) d.Print($" {d.U32(next + 4 * i)}");
                break;
            case TypeMx:
                d.Print(" ");
                d.Require(cp, 2);
                Name(d, cp + 2, message);
                d.Print($" {d.U16(cp)}");
                break;
            case TypeTxt:
                for (int p = cp; p < end;)
                {
                    d.Print(" \"");
                    int n = d.U8(p);
                    PrintText(d, p + 1, n);
                    p += 1 + n;
                    d.Print("\"");
                }
                break;
            case TypeSrv:
                d.Print(" ");
                d.Require(cp, 6);
                Name(d, cp + 6, message);
                d.Print($":{d.U16(cp + 4)} {d.U16(cp)} {d.U16(cp + 2)}");
                break;
            case TypeAaaa:
                d.Print($" {new IPAddress(d.Bytes(cp, 16))}");
                break;
            case TypeOpt:
                d.Print($" UDPsize={@class}");
                if ((optFlags & 0x8000) != 0) d.Print(" DO");
                if (dataLength > 0) d.Print(" [netsim: EDNS options not decoded]");
                break;
            case 3 or 4 or 7 or 8 or 9 or 38 or 103 or 104 or 250 or 256:
                // Types print_domain decodes in ways the model does not (A6, UNSPECA, TSIG, URI…).
                d.Print(" [netsim: record data not decoded]");
                break;
        }
        return end;
    }

    // ns_nskip
    private static int SkipName(Dissection d, int cp) => TrySkipName(d, cp) ?? throw new TruncatedPacket("domain", leftEarly: false);

    private static int? TrySkipName(Dissection d, int cp)
    {
        if (!d.Has(cp, 1)) return null;
        int label = d.U8(cp++);
        while (label != 0)
        {
            switch (label & 0xc0)
            {
                case 0xc0:
                    return cp + 1;
                case 0x40 or 0x80:
                    return null;
                default:
                    cp += label;
                    break;
            }
            if (!d.Has(cp, 1)) return null;
            label = d.U8(cp++);
        }
        return cp;
    }

    /// <summary>fqdn_print: the name at <paramref name="cp"/>, following compression pointers backwards only; returns the offset after it.</summary>
    private static int Name(Dissection d, int cp, int message)
    {
        int maxOffset = cp - message;
        int label = d.U8(cp++);
        if (label == 0)
        {
            d.Print(".");
            return cp;
        }
        int? afterPointer = null;
        int nameChars = 0;
        while (label != 0 && cp < d.SnapEnd)
        {
            if ((label & 0xc0) == 0xc0)
            {
                // A compression pointer: the name goes on elsewhere, and only ever backwards.
                afterPointer ??= cp + 1;
                int target = ((label << 8) | d.U8(cp)) & 0x3fff;
                if (target >= maxOffset)
                {
                    d.Print("<BAD PTR>");
                    throw new TruncatedPacket("domain", leftEarly: false);
                }
                maxOffset = target;
                cp = message + target;
                label = d.U8(cp++);
                continue;
            }
            if ((label & 0xc0) == 0x40)
            {
                d.Print($"<ELT {label & 0x3f}>");
                throw new TruncatedPacket("domain", leftEarly: false);
            }
            if (nameChars + label <= MaxNameLength)
                PrintText(d, cp, label);
            else if (nameChars < MaxNameLength)
                PrintText(d, cp, MaxNameLength - nameChars);
            nameChars += label;
            cp += label;
            if (nameChars <= MaxNameLength) d.Print(".");
            nameChars++;
            label = d.U8(cp++);
        }
        if (nameChars > MaxNameLength) d.Print("<TOO LONG>");
        return afterPointer ?? cp;
    }

    // nd_printn with fn_print_char: "M-" for bytes above 0x7f, "^" for control characters.
    private static void PrintText(Dissection d, int offset, int count)
    {
        for (int i = 0; i < count; i++)
        {
            int c = d.U8(offset + i);
            if (c > 0x7f)
            {
                c &= 0x7f;
                d.Print("M-");
            }
            if (c is < 0x20 or 0x7f)
            {
                c ^= 0x40;
                d.Print("^");
            }
            d.Print((char)c);
        }
    }
}
