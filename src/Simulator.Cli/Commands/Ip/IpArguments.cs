namespace Simulator.Cli.Commands.Ip;

/// <summary>
/// The words after an ip object and command, read left to right the way iproute2's parsers walk
/// argv (NEXT_ARG, matches).
/// </summary>
public sealed class IpArguments(IReadOnlyList<string> words)
{
    private int _index;

    public bool HasMore => _index < words.Count;

    public string Current => words[_index];

    /// <summary>Takes the current word.</summary>
    public string Next() => words[_index++];

    /// <summary>NEXT_ARG: the value after a keyword; "Command line is not complete" when there is none.</summary>
    public string Value()
    {
        if (_index >= words.Count) throw IpUsageError.Incomplete();
        return words[_index++];
    }

    /// <summary>Everything not read yet (the options of a link kind after "type KIND").</summary>
    public IReadOnlyList<string> Rest()
    {
        var rest = words.Skip(_index).ToList();
        _index = words.Count;
        return rest;
    }

    /// <summary>
    /// iproute2's matches(): a word stands for a keyword when it is a prefix of it, so "sh",
    /// "show" and "s" all select "show" (the first keyword in the caller's order wins).
    /// </summary>
    public static bool Matches(string word, string keyword) =>
        word.Length > 0 && keyword.StartsWith(word, StringComparison.Ordinal);

    /// <summary>True when the current word abbreviates <paramref name="keyword"/>; it is taken if so.</summary>
    public bool Take(string keyword)
    {
        if (!HasMore || !Matches(Current, keyword)) return false;
        _index++;
        return true;
    }

    /// <summary>Reads "on" or "off" after a keyword such as promisc or arp.</summary>
    public bool OnOff(string keyword)
    {
        var value = Value();
        return value switch
        {
            "on" => true,
            "off" => false,
            _ => throw new IpUsageError($"Error: argument of \"{keyword}\" must be \"on\" or \"off\", not \"{value}\""),
        };
    }
}
