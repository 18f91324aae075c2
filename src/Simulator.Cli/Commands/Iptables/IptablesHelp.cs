namespace Simulator.Cli.Commands.Iptables;

/// <summary>
/// The usage summary for -h. The real tool goes on to describe every option and extension;
/// this one stops after the synopsis.
/// </summary>
internal static class IptablesHelp
{
    public static string Text(string program) =>
        $"""
        {program} v{IptablesVersion.Number} (nf_tables)

        Usage: {program} -[ACD] chain rule-specification [options]
               {program} -I chain [rulenum] rule-specification [options]
               {program} -R chain rulenum rule-specification [options]
               {program} -D chain rulenum [options]
               {program} -[LS] [chain [rulenum]] [options]
               {program} -[FZ] [chain] [options]
               {program} -[NX] chain
               {program} -E old-chain-name new-chain-name
               {program} -P chain target [options]
               {program} -h (print this help information)

        """;
}
