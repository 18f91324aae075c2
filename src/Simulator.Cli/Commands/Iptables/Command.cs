namespace Simulator.Cli.Commands.Iptables;

/// <summary>The commands, one bit each in the order of iptables' CMD_* (which cmd2char relies on).</summary>
[Flags]
internal enum Command
{
    None = 0,
    Insert = 1 << 0,
    Delete = 1 << 1,
    DeleteNumber = 1 << 2,
    Replace = 1 << 3,
    Append = 1 << 4,
    List = 1 << 5,
    Flush = 1 << 6,
    Zero = 1 << 7,
    NewChain = 1 << 8,
    DeleteChain = 1 << 9,
    SetPolicy = 1 << 10,
    RenameChain = 1 << 11,
    ListRules = 1 << 12,
    ZeroNumber = 1 << 13,
    Check = 1 << 14,
}

/// <summary>iptables' own options, one bit each in the order of OPT_* (the letters of <see cref="CommandOptions.Letters"/>).</summary>
[Flags]
internal enum OptionFlags
{
    None = 0,
    Numeric = 1 << 0,
    Source = 1 << 1,
    Destination = 1 << 2,
    Protocol = 1 << 3,
    Jump = 1 << 4,
    Verbose = 1 << 5,
    Expanded = 1 << 6,
    InInterface = 1 << 7,
    OutInterface = 1 << 8,
    LineNumbers = 1 << 9,
    Counters = 1 << 10,
    Fragment = 1 << 11,
}

/// <summary>Which options each command allows (iptables' commands_v_options) and the related messages.</summary>
internal static class CommandOptions
{
    /// <summary>The option letters in bit order, as "Illegal option `-%c'" names them.</summary>
    public const string Letters = "nsdpjvxio0cf";

    private const string Commands = "IDDRALFZNXPESZC";

    // Rows in Command bit order; columns in OptionFlags bit order: 'x' illegal, ' ' allowed.
    private static readonly string[] Legal =
    [
        /* INSERT     */ "x     x  x  ",
        /* DELETE     */ "x     x  xx ",
        /* DELETE_NUM */ "xxxxx xxxxxx",
        /* REPLACE    */ "x     x  x  ",
        /* APPEND     */ "x     x  x  ",
        /* LIST       */ " xxxx  xx xx",
        /* FLUSH      */ "xxxxx xxxxxx",
        /* ZERO       */ "xxxxx xxxxxx",
        /* NEW_CHAIN  */ "xxxxx xxxxxx",
        /* DEL_CHAIN  */ "xxxxx xxxxxx",
        /* SET_POLICY */ "xxxxx xxxx x",
        /* RENAME     */ "xxxxx xxxxxx",
        /* LIST_RULES */ "xxxxx xxxxxx",
        /* ZERO_NUM   */ "xxxxx xxxxxx",
        /* CHECK      */ "x     x  xx ",
    ];

    /// <summary>cmd2char: the letter of a command's lowest bit.</summary>
    public static char Letter(Command command)
    {
        int bit = 0;
        for (int value = (int)command; value > 1; value >>= 1) bit++;
        return Commands[bit];
    }

    public static char Letter(OptionFlags option)
    {
        int bit = 0;
        for (int value = (int)option; value > 1; value >>= 1) bit++;
        return Letters[bit];
    }

    /// <summary>generic_opt_check: an option is legal if any of the given commands allows it.</summary>
    public static void Check(Command command, OptionFlags options)
    {
        for (int option = 0; option < Letters.Length; option++)
        {
            if (((int)options & (1 << option)) == 0) continue;
            int legal = 0;
            for (int cmd = 0; cmd < Legal.Length; cmd++)
            {
                if (((int)command & (1 << cmd)) == 0) continue;
                if (Legal[cmd][option] != 'x') legal = 1;
                else if (legal == 0) legal = -1;
            }
            if (legal == -1) throw IptablesError.Parameter($"Illegal option `-{Letters[option]}' with this command");
        }
    }
}
