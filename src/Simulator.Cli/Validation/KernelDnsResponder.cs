using System.Globalization;
using System.Text;
using Simulator.Devices.Outside;

namespace Simulator.Cli.Validation;

/// <summary>
/// The DNS servers of the declared world on the kernel: a small responder (python3, standard
/// library only) run inside a namespace of the run, answering A queries from the same zone as
/// the model's <see cref="DnsServer"/> does (<see cref="DnsZone.Answer"/>: CNAME chains, A
/// records, NODATA for other types, NXDOMAIN for unknown names). It is test tooling, not part of
/// the model. It ends by itself when its namespace is deleted at the end of the run (it looks
/// every half second), or after three hours at the most.
/// </summary>
internal static class KernelDnsResponder
{
    /// <summary>
    /// Starts a responder on <paramref name="address"/>:53 (0.0.0.0 for all) in
    /// <paramref name="realNamespace"/>; null once it listens, else why not.
    /// </summary>
    public static string? Start(KernelSide kernel, string realNamespace, string address, DnsZone zone)
    {
        var directory = Path.Combine(kernel.ScratchDirectory, "dns");
        Directory.CreateDirectory(directory);
        var script = Path.Combine(directory, "responder.py");
        if (!File.Exists(script)) File.WriteAllText(script, Script);
        var zoneFile = Path.Combine(directory, "zone.txt");
        if (!File.Exists(zoneFile)) File.WriteAllText(zoneFile, ZoneText(zone));
        var ready = Path.Combine(directory, $"ready-{realNamespace}-{address}");
        const string starter =
            "python3 \"$1\" \"$2\" \"$3\" \"$4\" \"$5\" </dev/null >/dev/null 2>&1 & " +
            "i=0; while [ ! -e \"$5\" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done; [ -e \"$5\" ]";
        var result = kernel.Exec(realNamespace, ["sh", "-c", starter, "sh", script, zoneFile, address, realNamespace, ready]);
        if (result is null) return "the run was stopped";
        return result.ExitStatus == 0 ? null : $"the DNS responder did not start in {realNamespace} on {address}:53";
    }

    /// <summary>One line per name: <c>NAME cname TARGET</c> or <c>NAME a ADDRESS…</c>.</summary>
    private static string ZoneText(DnsZone zone)
    {
        var text = new StringBuilder();
        foreach (var (name, alias, addresses) in zone.Entries)
        {
            if (alias != null) text.Append(CultureInfo.InvariantCulture, $"{name} cname {alias}\n");
            else text.Append(CultureInfo.InvariantCulture, $"{name} a {string.Join(' ', addresses)}\n");
        }
        return text.ToString();
    }

    private const string Script = """
        # NetSim validation: a recursive DNS server's answers from a fixed zone (see KernelDnsResponder.cs).
        import os, socket, struct, sys, time

        zone_file, address, netns, ready = sys.argv[1:5]
        aliases, addresses = {}, {}
        for line in open(zone_file):
            words = line.split()
            if len(words) >= 3 and words[1] == "cname":
                aliases[words[0].lower()] = words[2]
            elif len(words) >= 2 and words[1] == "a":
                addresses[words[0].lower()] = words[2:]

        def read_name(data, offset):
            labels = []
            while True:
                length = data[offset]
                if length == 0:
                    return ".".join(labels), offset + 1
                if length & 0xC0:
                    raise ValueError("compressed name in a question")
                labels.append(data[offset + 1:offset + 1 + length].decode("ascii", "replace"))
                offset += 1 + length

        def encode(name):
            out = b""
            for label in name.rstrip(".").split("."):
                out += bytes([len(label)]) + label.encode("ascii")
            return out + b"\0"

        def record(owner, rtype, rdata):
            return encode(owner) + struct.pack("!HHIH", rtype, 1, 600, len(rdata)) + rdata

        def answer(query):
            ident, flags, qdcount = struct.unpack("!HHH", query[:6])
            if flags & 0x8000:
                return None
            opcode = (flags >> 11) & 0xF
            rd = flags & 0x0100
            if opcode != 0 or qdcount != 1:
                header = struct.pack("!HHHHHH", ident, 0x8000 | (opcode << 11) | rd | 0x80 | (4 if opcode else 1), 0, 0, 0, 0)
                return header
            name, end = read_name(query, 12)
            qtype, qclass = struct.unpack("!HH", query[end:end + 4])
            question = query[12:end + 4]
            records, rcode = [], 0
            current, owner = name.rstrip(".").lower(), name
            for _ in range(8):
                if qtype == 5 or current not in aliases:
                    break
                target = aliases[current]
                records.append(record(owner, 5, encode(target)))
                current, owner = target.lower(), target
            if current not in aliases and current not in addresses:
                rcode = 3
            elif qtype == 5 and current in aliases:
                records.append(record(owner, 5, encode(aliases[current])))
            elif qtype == 1:
                for a in addresses.get(current, []):
                    records.append(record(owner, 1, socket.inet_aton(a)))
            header = struct.pack("!HHHHHH", ident, 0x8000 | rd | 0x80 | rcode, 1, len(records), 0, 0)
            return header + question + b"".join(records)

        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sock.bind((address, 53))
        sock.settimeout(0.5)
        open(ready, "w").close()
        started = time.monotonic()
        while os.path.exists("/run/netns/" + netns) and time.monotonic() - started < 3 * 3600:
            try:
                data, peer = sock.recvfrom(4096)
            except socket.timeout:
                continue
            except OSError:
                continue
            try:
                reply = answer(data)
            except (ValueError, IndexError, struct.error):
                continue
            if reply is not None:
                try:
                    sock.sendto(reply, peer)
                except OSError:
                    pass
        """;
}
