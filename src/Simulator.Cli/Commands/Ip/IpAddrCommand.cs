using System.Globalization;
using System.Text;
using Simulator.Core.Addressing;
using Simulator.Devices.Ipv4.Addresses;
using Simulator.Devices.Ipv4.Routing;
using Simulator.Devices.Links;

namespace Simulator.Cli.Commands.Ip;

/// <summary><c>ip address add|del|flush|show</c> for IPv4 (iproute2's ipaddress.c, the kernel's devinet.c).</summary>
public static class IpAddrCommand
{
    public static int Run(IpContext ip, IpArguments args)
    {
        if (!args.HasMore) return Show(ip, args);
        var command = args.Next();
        if (IpArguments.Matches(command, "add")) return Modify(ip, args, delete: false);
        if (IpArguments.Matches(command, "change") || IpArguments.Matches(command, "replace"))
            throw IpUsageError.NotModelled($"ip address {command}");
        if (IpArguments.Matches(command, "delete")) return Modify(ip, args, delete: true);
        if (IpArguments.Matches(command, "list") || IpArguments.Matches(command, "show") || IpArguments.Matches(command, "lst"))
            return Show(ip, args);
        if (IpArguments.Matches(command, "flush")) return Flush(ip, args);
        if (IpArguments.Matches(command, "help")) throw IpUsageError.NotModelled("ip address help");
        throw new IpUsageError($"Command \"{command}\" is unknown, try \"ip address help\".");
    }

    // ----- add / del -----

    private static int Modify(IpContext ip, IpArguments args, bool delete)
    {
        string? local = null, device = null, label = null, broadcast = null;
        RouteScope? scope = null;
        while (args.HasMore)
        {
            var word = args.Next();
            switch (word)
            {
                case "broadcast" or "brd": broadcast = args.Value(); break;
                case "scope": scope = RouteWords.ParseScope(args.Value()); break;
                case "dev": device = args.Value(); break;
                case "label": label = args.Value(); break;
                case "valid_lft" or "preferred_lft":
                    var lifetime = args.Value();
                    if (lifetime != "forever") throw IpUsageError.NotModelled($"ip address … {word} {lifetime} (address lifetimes)");
                    break;
                case "peer" or "remote" or "anycast" or "metric" or "priority" or "preference" or "home" or "nodad"
                    or "optimistic" or "mngtmpaddr" or "noprefixroute" or "autojoin" or "proto":
                    throw IpUsageError.NotModelled($"ip address … {word}");
                default:
                    if (word == "local") word = args.Value();
                    if (local != null) throw IpUsageError.Garbage("local", word);
                    local = word;
                    break;
            }
        }
        if (device is null)
            throw new IpUsageError("Not enough information: \"dev\" argument is required.", IpUsageError.Failure);
        if (local is null) throw IpUsageError.NotModelled($"ip address {(delete ? "del" : "add")} without an address");
        if (!Ipv4InterfaceAddress.TryParse(local, out var address)) throw IpUsageError.BadPrefix(local);
        var target = ip.Device(device);
        var stack = ip.Namespace.Ipv4;
        if (delete)
        {
            if (!local.Contains('/'))
            {
                // No prefix length: iproute2 asks for any address with this local part and warns.
                ip.Err.WriteLine($"Warning: Executing wildcard deletion to stay compatible with old scripts.\n" +
                                 $"         Explicitly specify the prefix length ({local}/32) to avoid this warning.\n" +
                                 "         This special behaviour is likely to disappear in further releases,\n" +
                                 "         fix your scripts!");
                var match = target.Ip?.Addresses.FirstOrDefault(a => a.Local == address.Address);
                if (match != null) address = new Ipv4InterfaceAddress(match.Local, match.PrefixLength);
            }
            var deleteError = stack.Addresses.Delete(target, address);
            return deleteError is null ? 0 : ip.Fail(deleteError);
        }
        var brd = broadcast is null ? default : ParseBroadcast(broadcast, address);
        // default_scope: 127/8 is host scope unless told otherwise.
        var effectiveScope = scope ?? ((address.Address.Value >> 24) == 127 ? RouteScope.Host : RouteScope.Universe);
        var error = stack.Addresses.Add(target, address, brd, effectiveScope, label);
        return error is null ? 0 : ip.Fail(error);
    }

    /// <summary>"brd +" sets the host bits, "brd -" clears them (only below /31), else an address.</summary>
    private static Ipv4Address ParseBroadcast(string text, Ipv4InterfaceAddress address)
    {
        if (text is "+" or "-")
        {
            if (address.PrefixLength >= 31) return default;
            var network = address.Network;
            return text == "+" ? network.Broadcast : network.Network;
        }
        return Ipv4Address.TryParse(text, out var brd) ? brd : throw IpUsageError.BadAddress(text);
    }

    // ----- flush -----

    private static int Flush(IpContext ip, IpArguments args)
    {
        if (!args.HasMore) throw new IpUsageError("Flush requires arguments.", IpUsageError.Failure);
        var filter = LinkFilter.Parse(ip, args);
        foreach (var device in filter.Select(ip.Namespace).ToList())
            ip.Namespace.Ipv4.Addresses.Flush(device);
        return 0;
    }

    // ----- show -----

    private static int Show(IpContext ip, IpArguments args)
    {
        var filter = LinkFilter.Parse(ip, args);
        foreach (var device in filter.Select(ip.Namespace))
        {
            var addresses = device.Ip?.Addresses ?? [];
            // With a family asked for (-4), links without an address of it are left out.
            if (ip.Options.Inet && addresses.Count == 0) continue;
            if (ip.Options.Brief)
            {
                var line = new StringBuilder(LinkFormatter.BriefPrefix(device, out _));
                foreach (var address in addresses) line.Append(address.Local).Append('/').Append(address.PrefixLength).Append(' ');
                ip.Out.WriteLine(line.ToString());
                continue;
            }
            if (!ip.Options.OneLine) ip.Out.WriteLine(LinkFormatter.Format(device, ip.Options, linkMode: false));
            foreach (var address in addresses)
            {
                var prefix = ip.Options.OneLine ? $"{device.IfIndex}: {device.Name}" : "";
                ip.Out.WriteLine(prefix + FormatAddress(address, ip.Options.LineBreak));
            }
        }
        return 0;
    }

    /// <summary>print_addrinfo for one IPv4 address: "    inet A/P [brd B ]scope S [secondary ]LABEL", then lifetimes.</summary>
    public static string FormatAddress(InterfaceAddress address, string lineBreak)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"    inet {address.Local}/{address.PrefixLength} ");
        if (address.Broadcast.IsValid) text.Append("brd ").Append(address.Broadcast).Append(' ');
        text.Append("scope ").Append(RouteWords.ScopeName(address.Scope)).Append(' ');
        if (address.IsSecondary) text.Append("secondary ");
        text.Append(address.Label);
        text.Append(lineBreak).Append("       valid_lft forever preferred_lft forever");
        return text.ToString();
    }

}
