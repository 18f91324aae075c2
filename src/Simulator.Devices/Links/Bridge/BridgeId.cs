using System.Globalization;
using Simulator.Core.Addressing;

namespace Simulator.Devices.Links.Bridge;

/// <summary>
/// An 802.1D bridge identifier (struct bridge_id): two priority octets then a MAC address,
/// compared as eight bytes (the kernel's memcmp), so a lower priority wins and the address breaks
/// ties.
/// </summary>
public readonly record struct BridgeId(ushort Priority, MacAddress Address) : IComparable<BridgeId>
{
    /// <summary>The eight octets as one number, in memcmp order.</summary>
    public ulong Value => (ulong)Priority << 48 | (Address.IsValid ? Address.Value : 0);

    public int CompareTo(BridgeId other) => Value.CompareTo(other.Value);

    public static bool operator <(BridgeId a, BridgeId b) => a.Value < b.Value;
    public static bool operator >(BridgeId a, BridgeId b) => a.Value > b.Value;

    /// <summary>As sysfs and brctl print it (br_show_bridge_id): <c>8000.02000000000a</c>.</summary>
    public override string ToString() => Value.ToString("x16", CultureInfo.InvariantCulture).Insert(4, ".");

    /// <summary>
    /// As iproute2 prints it in <c>ip -d link</c> (print_bridge_id: the octets with %x, no
    /// padding): <c>8000.2:0:0:0:0:a</c>.
    /// </summary>
    public string ToIprouteString()
    {
        var mac = Address.IsValid ? Address : MacAddress.Zero;
        var octets = Enumerable.Range(0, 6).Select(i => mac[i].ToString("x", CultureInfo.InvariantCulture));
        return Priority.ToString("x4", CultureInfo.InvariantCulture) + "." + string.Join(':', octets);
    }
}
