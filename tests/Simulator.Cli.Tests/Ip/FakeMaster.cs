using Simulator.Core.Addressing;
using Simulator.Core.Packets;
using Simulator.Devices;
using Simulator.Devices.Links;
using Simulator.Devices.Namespaces;

namespace Simulator.Cli.Tests.Ip;

/// <summary>A stand-in for a bridge: records the ports ip enslaves and releases, or refuses them.</summary>
internal sealed class FakeMaster(World world, string name) : NetDevice(world, name, MacAddress.Parse("02:00:00:00:00:aa")), IMasterDevice
{
    public List<string> Calls { get; } = [];
    public NetlinkError? Refusal { get; set; }

    public override string? Kind => "fakemaster";

    public NetlinkError? AddSlave(NetDevice port)
    {
        Calls.Add($"add {port.Name}");
        return Refusal;
    }

    public NetlinkError? DeleteSlave(NetDevice port)
    {
        Calls.Add($"del {port.Name}");
        return null;
    }

    protected override void StartXmit(Packet frame) => frame.Release();
}
