namespace Simulator.Cli.Commands.Tcpdump.Printing;

/// <summary>
/// The options list of tcp_print: <c>, options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7]</c>.
/// SACK blocks print relative to the conversation, as the sequence numbers do. An option whose
/// length does not fit ends the line with <c>[bad opt]</c>. Options tcpdump decodes in its own
/// way beyond these (MD5, MPTCP, TFO…) are flagged as not modelled.
/// </summary>
internal static class TcpOptionsPrinter
{
    private const byte EndOfList = 0, NoOperation = 1, MaximumSegmentSize = 2, WindowScale = 3,
        SackPermitted = 4, Sack = 5, Timestamp = 8;

    // tcp_option_values.
    private static readonly Dictionary<byte, string> Names = new()
    {
        [0] = "eol", [1] = "nop", [2] = "mss", [3] = "wscale", [4] = "sackOK", [5] = "sack", [6] = "echo",
        [7] = "echoreply", [8] = "TS", [11] = "cc", [12] = "ccnew", [13] = "", [19] = "md5", [20] = "scps",
        [28] = "uto", [29] = "tcp-ao", [30] = "mptcp", [34] = "tfo", [254] = "exp",
    };

    /// <param name="sackBase">What SACK edges are relative to (0 with -S).</param>
    /// <returns>False after <c>[bad opt]</c>: tcp_print stops there.</returns>
    public static bool Print(Dissection d, int offset, int length, uint sackBase)
    {
        d.Print(", options [");
        int remaining = length;
        bool first = true;
        while (remaining > 0)
        {
            if (!first) d.Print(',');
            byte kind = d.U8(offset++);
            int optionLength = 1;
            if (kind is not (EndOfList or NoOperation))
            {
                optionLength = d.U8(offset++);
                if (optionLength < 2 || optionLength > remaining) return Bad(d, first);
                remaining--;
            }
            remaining--;
            d.Print(Names.GetValueOrDefault(kind, $"unknown-{kind}"));
            int dataLength = 0;
            switch (kind)
            {
                case MaximumSegmentSize:
                    dataLength = 2;
                    if (dataLength > remaining) return Bad(d, first);
                    d.Print($" {d.U16(offset)}");
                    break;
                case WindowScale:
                    dataLength = 1;
                    if (dataLength > remaining) return Bad(d, first);
                    d.Print($" {d.U8(offset)}");
                    break;
                case Sack:
                    dataLength = optionLength - 2;
                    if (dataLength % 8 != 0)
                    {
                        d.Print(" invalid sack");
                        break;
                    }
                    d.Print($" {dataLength / 8} ");
                    for (int i = 0; i < dataLength; i += 8)
                    {
                        if (i + 8 > remaining) return Bad(d, first);
                        uint start = d.U32(offset + i) - sackBase, end = d.U32(offset + i + 4) - sackBase;
                        d.Print("{" + start + ":" + end + "}");
                    }
                    break;
                case Timestamp:
                    dataLength = 8;
                    if (dataLength > remaining) return Bad(d, first);
                    d.Print($" val {d.U32(offset)} ecr {d.U32(offset + 4)}");
                    break;
                case 6 or 7 or 11 or 12 or 13:
                    dataLength = 4;
                    if (dataLength > remaining) return Bad(d, first);
                    d.Print($" {d.U32(offset)}");
                    break;
                case EndOfList or NoOperation or SackPermitted:
                    break;
                default:
                    dataLength = optionLength - 2;
                    if (Names.ContainsKey(kind))
                    {
                        d.Print(" [netsim: option not decoded]");
                        break;
                    }
                    if (dataLength > 0) d.Print(" 0x");
                    for (int i = 0; i < dataLength; i++)
                    {
                        if (i + 1 > remaining) return Bad(d, first);
                        d.Print($"{d.U8(offset + i):x2}");
                    }
                    break;
            }
            offset += dataLength;
            remaining -= dataLength;
            int accounted = dataLength + (kind is EndOfList or NoOperation ? 1 : 2);
            if (accounted != optionLength) d.Print($"[len {optionLength}]");
            first = false;
            if (kind == EndOfList) break;
        }
        d.Print("]");
        return true;
    }

    private static bool Bad(Dissection d, bool nothingPrinted)
    {
        d.Print("[bad opt]");
        if (!nothingPrinted) d.Print("]");
        return false;
    }
}
