using Simulator.Core.Addressing;
using Simulator.Devices.Ipv4.Routing;
using Simulator.Devices.Links;
using Simulator.Devices.Sysctl;

namespace Simulator.Devices.Ipv4;

/// <summary>
/// The IPv4 side of one interface (struct in_device): its addresses, primaries before
/// secondaries, its net.ipv4.conf.DEV settings and its neighbour parameters.
/// </summary>
public sealed class InDevice
{
    private readonly List<Addresses.InterfaceAddress> _addresses = [];

    internal InDevice(NetDevice device, DevConf conf, NeighParms neighParms)
    {
        Device = device;
        Conf = conf;
        NeighParms = neighParms;
    }

    public NetDevice Device { get; }
    public DevConf Conf { get; }
    public NeighParms NeighParms { get; }

    /// <summary>The device's IFF_NOARP as this stack last saw it, to tell a NETDEV_CHANGE that flipped it.</summary>
    internal bool NoArp { get; set; }

    public IReadOnlyList<Addresses.InterfaceAddress> Addresses => _addresses;

    public IEnumerable<Addresses.InterfaceAddress> Primaries => _addresses.Where(a => !a.IsSecondary);

    public bool HasAddress(Ipv4Address address) => _addresses.Any(a => a.Local == address);

    /// <summary>The primary address whose subnet covers <paramref name="address"/> (inet_ifa_byprefix).</summary>
    public Addresses.InterfaceAddress? PrimaryCovering(Ipv4Address address) =>
        _addresses.FirstOrDefault(a => !a.IsSecondary && a.Covers(address));

    /// <summary>
    /// inet_select_addr on this device: the first primary address of scope no wider than
    /// <paramref name="scope"/>, preferring one in the same subnet as <paramref name="destination"/>.
    /// </summary>
    public Ipv4Address SelectAddress(Ipv4Address destination, RouteScope scope)
    {
        Ipv4Address first = default;
        foreach (var address in _addresses)
        {
            if (address.IsSecondary || address.Scope > scope) continue;
            if (destination.IsValid && !destination.IsUnspecified && address.Covers(destination)) return address.Local;
            if (!first.IsValid) first = address.Local;
        }
        return first;
    }

    internal void Insert(Addresses.InterfaceAddress address)
    {
        if (address.IsSecondary)
        {
            _addresses.Add(address);
            return;
        }
        int index = 0;
        for (int i = 0; i < _addresses.Count; i++)
            if (!_addresses[i].IsSecondary && address.Scope <= _addresses[i].Scope) index = i + 1;
        _addresses.Insert(index, address);
    }

    internal bool Remove(Addresses.InterfaceAddress address) => _addresses.Remove(address);

    internal void Clear() => _addresses.Clear();
}
