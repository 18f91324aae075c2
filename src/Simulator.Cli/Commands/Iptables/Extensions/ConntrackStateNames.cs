using System.Text;
using Simulator.Netfilter;

namespace Simulator.Cli.Commands.Iptables.Extensions;

/// <summary>The state words of --ctstate and --state, in the order iptables prints them.</summary>
internal static class ConntrackStateNames
{
    private static readonly (string Name, ConntrackStates State)[] All =
    [
        ("INVALID", ConntrackStates.Invalid),
        ("NEW", ConntrackStates.New),
        ("RELATED", ConntrackStates.Related),
        ("ESTABLISHED", ConntrackStates.Established),
        ("UNTRACKED", ConntrackStates.Untracked),
        ("SNAT", ConntrackStates.Snat),
        ("DNAT", ConntrackStates.Dnat),
    ];

    /// <summary>
    /// A comma-separated list, any case. On a bad word the message quotes the rest of the list
    /// from that word on, as libxt_conntrack does.
    /// </summary>
    public static ConntrackStates Parse(string text, bool withNat, string errorWord)
    {
        var states = ConntrackStates.None;
        int position = 0;
        while (true)
        {
            int comma = text.IndexOf(',', position);
            string word = comma < 0 ? text[position..] : text[position..comma];
            var state = Lookup(word, withNat);
            if (word.Length == 0 || state is null)
                throw IptablesError.Parameter($"Bad {errorWord} \"{text[position..]}\"");
            states |= state.Value;
            if (comma < 0) return states;
            position = comma + 1;
        }
    }

    private static ConntrackStates? Lookup(string word, bool withNat)
    {
        foreach (var (name, state) in All)
        {
            if (!withNat && state is ConntrackStates.Snat or ConntrackStates.Dnat) continue;
            if (string.Equals(name, word, StringComparison.OrdinalIgnoreCase)) return state;
        }
        return null;
    }

    public static void Append(ConntrackStates states, StringBuilder text)
    {
        bool first = true;
        foreach (var (name, state) in All)
        {
            if ((states & state) == 0) continue;
            if (!first) text.Append(',');
            text.Append(name);
            first = false;
        }
    }
}
