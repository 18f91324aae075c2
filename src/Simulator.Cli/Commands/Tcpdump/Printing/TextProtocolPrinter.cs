namespace Simulator.Cli.Commands.Tcpdump.Printing;

/// <summary>
/// The text protocols tcp_print decodes that a tutorial meets: HTTP (txtproto_print: <c>HTTP: GET /
/// HTTP/1.1</c>, or every line with -v) and the SSH version banner (<c>SSH: SSH-2.0-OpenSSH_9.2p1</c>).
/// </summary>
internal static class TextProtocolPrinter
{
    private const int MaxToken = 128;

    // print-http.c's request methods.
    private static readonly HashSet<string> HttpMethods = new(StringComparer.OrdinalIgnoreCase)
    {
        "GET", "PUT", "COPY", "HEAD", "LOCK", "MOVE", "POLL", "POST", "BCOPY", "BMOVE", "MKCOL", "TRACE",
        "LABEL", "MERGE", "DELETE", "SEARCH", "UNLOCK", "REPORT", "UPDATE", "NOTIFY", "BDELETE", "CONNECT",
        "OPTIONS", "CHECKIN", "PROPFIND", "CHECKOUT", "CCM_POST", "SUBSCRIBE", "PROPPATCH", "BPROPFIND",
        "BPROPPATCH", "UNCHECKOUT", "MKACTIVITY", "MKWORKSPACE", "UNSUBSCRIBE", "RPC_CONNECT",
        "VERSION-CONTROL", "BASELINE-CONTROL",
    };

    /// <summary>http_print: "HTTP", then the request or status line if the payload starts with one.</summary>
    public static void PrintHttp(Dissection d, int offset, int length)
    {
        d.Protocol = "http";
        bool printThis = false;
        int index = FetchToken(d, offset, 0, length, out var token);
        if (index != 0)
        {
            if (HttpMethods.Contains(token)) printThis = true;
            // The status code is the second token of a response line ("HTTP/1.1 200 OK").
            index = FetchToken(d, offset, index, length, out token);
            if (index != 0 && token.Length == 3 && token.All(char.IsAsciiDigit)) printThis = true;
        }
        d.Print("HTTP");
        if (!printThis) return;
        if (d.Options.Verbosity > 0)
        {
            d.Print($", length: {length}");
            for (int i = 0; i < length;)
            {
                int next = PrintLine(d, "\n\t", offset, i, length);
                if (next == 0) break;
                i = next;
            }
        }
        else
        {
            PrintLine(d, ": ", offset, 0, length);
        }
    }

    /// <summary>ssh_print: a payload starting "SSH-" is a version banner, printed up to its line end.</summary>
    public static void PrintSsh(Dissection d, int offset, int length)
    {
        d.Protocol = "ssh";
        if (length < 4 || d.U8(offset) != 'S' || d.U8(offset + 1) != 'S' || d.U8(offset + 2) != 'H' || d.U8(offset + 3) != '-')
            return;
        int index = 4;
        for (; index < length; index++)
        {
            byte c = d.U8(offset + index);
            if (c == '\n') break;
            if (c == '\r')
            {
                if (index + 1 >= length || d.U8(offset + index + 1) != '\n') return;
                break;
            }
            if (!HexDump.IsPrintable(c)) return;
        }
        d.Print(": SSH: ");
        d.Print(System.Text.Encoding.ASCII.GetString(d.Bytes(offset, index)));
    }

    // fetch_token: the next token (printable ASCII up to a blank or line end) and the index of what
    // follows its trailing blanks; 0 when there is none.
    private static int FetchToken(Dissection d, int offset, int index, int length, out string token)
    {
        token = "";
        var chars = new System.Text.StringBuilder();
        for (; index < length; index++)
        {
            if (!d.Has(offset + index, 1)) return 0;
            byte c = d.U8(offset + index);
            if (c > 0x7f) return 0;
            if (c is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') break;
            if (!HexDump.IsPrintable(c)) return 0;
            if (chars.Length + 2 > MaxToken) return 0;
            chars.Append((char)c);
        }
        if (chars.Length == 0) return 0;
        token = chars.ToString();
        for (; index < length; index++)
        {
            if (!d.Has(offset + index, 1)) break;
            byte c = d.U8(offset + index);
            if (c is (byte)'\r' or (byte)'\n') break;
            if (!HexDump.IsPrintable(c)) break;
            if (c is not ((byte)' ' or (byte)'\t')) break;
        }
        return index;
    }

    // print_txt_line: prints the line at index after prefix and returns the index after its end
    // (LF or CR LF); 0, printing nothing, for binary data or a CR without LF; a last line with no
    // end is printed and marked truncated.
    private static int PrintLine(Dissection d, string prefix, int offset, int index, int length)
    {
        int start = index;
        while (index < length)
        {
            byte c = d.U8(offset + index);
            if (c == '\n')
            {
                Emit(d, prefix, offset + start, index - start);
                return index + 1;
            }
            if (c == '\r')
            {
                if (index + 1 >= length) return 0;
                if (d.U8(offset + index + 1) == '\n')
                {
                    Emit(d, prefix, offset + start, index - start);
                    return index + 2;
                }
                return 0;
            }
            if (!HexDump.IsPrintable(c) && c != '\t') return 0;
            index++;
        }
        Emit(d, prefix, offset + start, index - start);
        throw new TruncatedPacket(d.Protocol, leftEarly: false);
    }

    private static void Emit(Dissection d, string prefix, int offset, int count) =>
        d.Print(prefix + System.Text.Encoding.ASCII.GetString(d.Data, offset, count));
}
