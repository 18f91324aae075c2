using System.Text;
using Simulator.Core.Addressing;
using Simulator.Devices.Ipv4.Neighbours;
using Simulator.Devices.Links;

namespace Simulator.Cli.Commands.Ip;

/// <summary><c>ip neigh show|add|replace|change|del|flush</c> over the namespace's ARP table (ipneigh.c).</summary>
public static class IpNeighCommand
{
    public static int Run(IpContext ip, IpArguments args)
    {
        if (!args.HasMore) return Show(ip, args, flush: false);
        var command = args.Next();
        if (IpArguments.Matches(command, "add")) return Modify(ip, args, replace: false);
        if (IpArguments.Matches(command, "change") || IpArguments.Matches(command, "chg") || IpArguments.Matches(command, "replace"))
            return Modify(ip, args, replace: true);
        if (IpArguments.Matches(command, "delete")) return Delete(ip, args);
        if (IpArguments.Matches(command, "get")) throw IpUsageError.NotModelled("ip neigh get");
        if (IpArguments.Matches(command, "show") || IpArguments.Matches(command, "lst") || IpArguments.Matches(command, "list"))
            return Show(ip, args, flush: false);
        if (IpArguments.Matches(command, "flush")) return Show(ip, args, flush: true);
        if (IpArguments.Matches(command, "help")) throw IpUsageError.NotModelled("ip neigh help");
        throw new IpUsageError($"Command \"{command}\" is unknown, try \"ip neigh help\".");
    }

    private static NudState ParseState(string text) => text switch
    {
        "permanent" => NudState.Permanent,
        "noarp" => NudState.NoArp,
        "reachable" => NudState.Reachable,
        "stale" => NudState.Stale,
        "delay" => NudState.Delay,
        "probe" => NudState.Probe,
        "failed" => NudState.Failed,
        "incomplete" => NudState.Incomplete,
        "none" => NudState.None,
        "all" => (NudState)0xFF,
        _ => throw IpUsageError.InvalidArgument("nud state is bad", text),
    };

    private static (Ipv4Address Address, NetDevice Device, MacAddress Mac, NudState State) ParseEntry(IpContext ip, IpArguments args, bool needMac)
    {
        string? destination = null, device = null;
        MacAddress mac = default;
        NudState state = NudState.Permanent;
        while (args.HasMore)
        {
            var word = args.Next();
            switch (word)
            {
                case "lladdr": mac = LinkOptionParser.ParseMac(args.Value()); break;
                case "nud": state = ParseState(args.Value()); break;
                case "dev": device = args.Value(); break;
                case "proxy" or "router" or "extern_learn" or "use" or "managed" or "protocol":
                    throw IpUsageError.NotModelled($"ip neigh … {word}");
                default:
                    if (word == "to") word = args.Value();
                    if (destination != null) throw IpUsageError.Garbage("to", word);
                    destination = word;
                    break;
            }
        }
        if (destination is null || device is null) throw new IpUsageError("Device and destination are required arguments.");
        if (!Ipv4Address.TryParse(destination, out var address)) throw IpUsageError.BadAddress(destination);
        var target = ip.Device(device);
        if (needMac && !mac.IsValid && state is not (NudState.None or NudState.Incomplete or NudState.Failed))
            throw new IpUsageError("Error: No link layer address given.", 2);
        return (address, target, mac, state);
    }

    private static int Modify(IpContext ip, IpArguments args, bool replace)
    {
        var (address, device, mac, state) = ParseEntry(ip, args, needMac: true);
        var error = ip.Namespace.Ipv4.Arp.Set(device, address, mac, state, replace);
        return error is null ? 0 : ip.Fail(error);
    }

    private static int Delete(IpContext ip, IpArguments args)
    {
        var (address, device, _, _) = ParseEntry(ip, args, needMac: false);
        var error = ip.Namespace.Ipv4.Arp.Delete(device, address);
        return error is null ? 0 : ip.Fail(error);
    }

    /// <summary>
    /// Listing shows every state but NOARP (and NONE) unless "nud" says otherwise; flush takes
    /// everything but PERMANENT and NOARP.
    /// </summary>
    private static int Show(IpContext ip, IpArguments args, bool flush)
    {
        if (flush && !args.HasMore) throw new IpUsageError("Flush requires arguments.", IpUsageError.Failure);
        NetDevice? device = null;
        Ipv4Prefix? prefix = null;
        var states = flush ? (NudState)0xFF & ~(NudState.Permanent | NudState.NoArp) : (NudState)0xFF & ~NudState.NoArp;
        bool statesGiven = false;
        while (args.HasMore)
        {
            var word = args.Next();
            switch (word)
            {
                case "dev": device = ip.Device(args.Value()); break;
                case "nud":
                    var state = ParseState(args.Value());
                    states = statesGiven ? states | state : state;
                    statesGiven = true;
                    break;
                case "all": break;
                case "proxy" or "unused" or "vrf" or "master" or "nomaster" or "protocol":
                    throw IpUsageError.NotModelled($"ip neigh {(flush ? "flush" : "show")} … {word}");
                default:
                    if (word == "to") word = args.Value();
                    prefix = Ipv4Prefix.TryParse(word, out var parsed) ? parsed : throw IpUsageError.BadPrefix(word);
                    break;
            }
        }
        bool Selected(NeighbourEntry e) =>
            (device is null || e.Device == device) && (prefix is null || prefix.Value.Contains(e.Address)) &&
            ((e.State & states) != 0 || (e.State == NudState.None && states == (NudState)0xFF));
        var arp = ip.Namespace.Ipv4.Arp;
        if (flush)
        {
            arp.Flush(Selected);
            return 0;
        }
        foreach (var entry in arp.Entries.Where(Selected).ToList())
            ip.Out.WriteLine(Format(entry, device is null));
        return 0;
    }

    /// <summary>print_neigh: "A [dev D] [lladdr MAC] [router] STATE " (lladdr only while one is known).</summary>
    public static string Format(NeighbourEntry entry, bool showDevice)
    {
        var text = new StringBuilder();
        text.Append(entry.Address).Append(' ');
        if (showDevice) text.Append("dev ").Append(entry.Device.Name).Append(' ');
        if ((entry.State & NudStates.Valid) != 0 && entry.HardwareAddress.IsValid)
            text.Append("lladdr ").Append(entry.HardwareAddress).Append(' ');
        if (entry.IsRouter) text.Append("router ");
        text.Append(entry.State.Name()).Append(' ');
        return text.ToString();
    }
}
