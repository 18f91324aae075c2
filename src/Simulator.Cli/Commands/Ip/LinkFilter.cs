using Simulator.Devices.Links;
using Simulator.Devices.Namespaces;

namespace Simulator.Cli.Commands.Ip;

/// <summary>The device selection of <c>ip link show</c> and <c>ip addr show</c>: [dev] NAME, up, type KIND, master M.</summary>
public sealed class LinkFilter
{
    public NetDevice? Device { get; private init; }
    public bool UpOnly { get; private init; }
    public string? Kind { get; private init; }
    public NetDevice? Master { get; private init; }

    /// <summary>Reads the filter words; words the caller handles itself go to <paramref name="other"/> (which returns false if it does not know them).</summary>
    public static LinkFilter Parse(IpContext ip, IpArguments args, Func<string, IpArguments, bool>? other = null)
    {
        NetDevice? device = null, master = null;
        bool up = false;
        string? kind = null;
        while (args.HasMore)
        {
            var word = args.Next();
            switch (word)
            {
                case "up": up = true; break;
                case "type": kind = args.Value(); break;
                case "master":
                    var name = args.Value();
                    master = ip.Namespace.FindDevice(name) ?? throw IpUsageError.InvalidArgument("Device does not exist\n", name);
                    break;
                default:
                    if (other != null && other(word, args)) break;
                    if (word is "group" or "vrf" or "nomaster" or "label" or "scope" or "to" or "primary" or "secondary"
                        or "dynamic" or "permanent" or "tentative" or "deprecated")
                        throw IpUsageError.NotModelled($"ip show … {word}");
                    if (word == "dev") word = args.Value();
                    if (device != null) throw IpUsageError.Garbage("dev", word);
                    device = ip.ListedDevice(word);
                    break;
            }
        }
        return new LinkFilter { Device = device, UpOnly = up, Kind = kind, Master = master };
    }

    public IEnumerable<NetDevice> Select(NetworkNamespace ns) =>
        ns.Devices.Where(d => (Device is null || d == Device) && (!UpOnly || d.IsUp) &&
                              (Kind is null || d.Kind == Kind) && (Master is null || d.Master == Master));
}
