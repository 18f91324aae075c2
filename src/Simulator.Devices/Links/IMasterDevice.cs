namespace Simulator.Devices.Links;

/// <summary>
/// A device others can be enslaved to (a bridge, a bond): <c>ip link set DEV master M</c> and
/// <c>nomaster</c> call these, as the kernel's ndo_add_slave / ndo_del_slave. The master installs
/// its rx handler on the port (<see cref="NetDevice.RegisterRxHandler"/>), sets
/// <see cref="NetDevice.Master"/>, and undoes both on release.
/// </summary>
public interface IMasterDevice
{
    NetlinkError? AddSlave(NetDevice port);
    NetlinkError? DeleteSlave(NetDevice port);
}
