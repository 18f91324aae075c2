namespace Simulator.Cli.Commands.Iptables;

/// <summary>The messages glibc's getopt prints for iptables-save and iptables-restore, which let it.</summary>
internal static class GetoptMessages
{
    public static string Unrecognized(string program, Getopt getopt)
    {
        string element = getopt.Previous;
        if (element.StartsWith("--", StringComparison.Ordinal))
            return $"{program}: unrecognized option '{element.Split('=')[0]}'\n";
        return $"{program}: invalid option -- '{element.TrimStart('-').FirstOrDefault()}'\n";
    }
}
