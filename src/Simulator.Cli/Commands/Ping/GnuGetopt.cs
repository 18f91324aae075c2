namespace Simulator.Cli.Commands.Ping;

/// <summary>One thing getopt(3) returned: an option with its argument, or an error it printed.</summary>
internal readonly record struct GetoptItem(char Option, string? Argument, string? Error)
{
    public bool IsError => Error != null;
}

/// <summary>
/// glibc's getopt for short options: options and operands may come in any order (glibc permutes
/// argv, so <c>ping 10.0.0.2 -c 3</c> works); <c>--</c> ends the options; an option's argument is
/// the rest of its word or the next word. An unknown option or a missing argument is an error
/// worded as glibc words it, with the program's name in front.
/// </summary>
internal sealed class GnuGetopt(string optionString)
{
    public bool Takes(char option, out bool needsArgument)
    {
        int at = optionString.IndexOf(option);
        needsArgument = at >= 0 && at + 1 < optionString.Length && optionString[at + 1] == ':';
        return at >= 0 && option != ':';
    }

    /// <summary>Options in the order given; the operands, in order, go to <paramref name="operands"/>.</summary>
    public List<GetoptItem> Parse(string program, IReadOnlyList<string> args, List<string> operands)
    {
        var items = new List<GetoptItem>();
        for (int i = 0; i < args.Count; i++)
        {
            var word = args[i];
            if (word == "--")
            {
                operands.AddRange(args.Skip(i + 1));
                break;
            }
            if (word.Length < 2 || word[0] != '-')
            {
                operands.Add(word);
                continue;
            }
            for (int j = 1; j < word.Length; j++)
            {
                char option = word[j];
                if (!Takes(option, out bool needsArgument))
                {
                    items.Add(new GetoptItem(option, null, $"{program}: invalid option -- '{option}'"));
                    continue;
                }
                if (!needsArgument)
                {
                    items.Add(new GetoptItem(option, null, null));
                    continue;
                }
                if (j + 1 < word.Length)
                {
                    items.Add(new GetoptItem(option, word[(j + 1)..], null));
                }
                else if (i + 1 < args.Count)
                {
                    items.Add(new GetoptItem(option, args[++i], null));
                }
                else
                {
                    items.Add(new GetoptItem(option, null, $"{program}: option requires an argument -- '{option}'"));
                }
                break;
            }
        }
        return items;
    }
}
