using System.Globalization;
using Simulator.Devices.Ipv4.Routing;

namespace Simulator.Cli.Commands.Ip;

/// <summary>
/// <c>ip rule [list|show]</c>: the three rules every namespace starts with. Policy routing
/// (adding rules) is not modelled: the model's lookup always walks these three.
/// </summary>
public static class IpRuleCommand
{
    public static int Run(IpContext ip, IpArguments args)
    {
        if (args.HasMore)
        {
            var command = args.Next();
            if (!(IpArguments.Matches(command, "list") || IpArguments.Matches(command, "show") || IpArguments.Matches(command, "lst")))
            {
                if (command is "add" or "delete" or "del" or "flush" or "save" or "restore" or "help" ||
                    IpArguments.Matches(command, "add") || IpArguments.Matches(command, "delete"))
                    throw IpUsageError.NotModelled($"ip rule {command} (policy routing)");
                throw new IpUsageError($"Command \"{command}\" is unknown, try \"ip rule help\".");
            }
            if (args.HasMore) throw IpUsageError.NotModelled("ip rule list with a selector");
        }
        foreach (var (priority, table) in Fib.DefaultRules)
            ip.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{priority}:\tfrom all lookup {RouteTables.Name(table)}"));
        return 0;
    }
}
