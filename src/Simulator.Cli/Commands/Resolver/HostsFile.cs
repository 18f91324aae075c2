using Simulator.Core.Addressing;

namespace Simulator.Cli.Commands.Resolver;

/// <summary>
/// /etc/hosts as glibc's "files" source reads it (nss/nss_files/files-hosts.c): an address, its
/// canonical name, then aliases; '#' starts a comment; names match without regard to case. IPv6
/// lines are skipped: NetSim models IPv4 only.
/// </summary>
public sealed class HostsFile
{
    /// <summary>
    /// What a machine without a scenario-provided /etc/hosts has: the localhost line every
    /// distribution ships (the IPv4 one; NetSim has no IPv6).
    /// </summary>
    public const string DefaultContent = "127.0.0.1\tlocalhost\n";

    private readonly List<(Ipv4Address Address, string[] Names)> _lines = [];

    public static HostsFile Parse(string? text)
    {
        var file = new HostsFile();
        foreach (var raw in (text ?? DefaultContent).Split('\n'))
        {
            var line = raw;
            int hash = line.IndexOf('#');
            if (hash >= 0) line = line[..hash];
            var words = line.Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length < 2 || !InetAton.TryParse(words[0], out var address)) continue;
            file._lines.Add((address, words[1..]));
        }
        return file;
    }

    /// <summary>
    /// gethostbyname in the files source: the first line naming <paramref name="name"/> gives the
    /// canonical name; with "multi on" (glibc's default since 2.26) every line naming it adds its
    /// address.
    /// </summary>
    public bool TryLookup(string name, out string canonical, out IReadOnlyList<Ipv4Address> addresses)
    {
        canonical = "";
        var found = new List<Ipv4Address>();
        foreach (var (address, names) in _lines)
        {
            if (!names.Any(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase))) continue;
            if (found.Count == 0) canonical = names[0];
            found.Add(address);
        }
        addresses = found;
        return found.Count > 0;
    }

    /// <summary>gethostbyaddr in the files source: the canonical name of the first line with the address.</summary>
    public string? ReverseLookup(Ipv4Address address) =>
        _lines.FirstOrDefault(l => l.Address == address).Names?[0];
}
