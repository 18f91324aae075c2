namespace Simulator.Devices.Links;

/// <summary>The interface flags iproute2 shows between angle brackets (include/uapi/linux/if.h).</summary>
[Flags]
public enum DeviceFlags : uint
{
    None = 0,
    Up = 0x1,
    Broadcast = 0x2,
    Loopback = 0x8,
    PointToPoint = 0x10,
    Running = 0x40,
    NoArp = 0x80,
    Promisc = 0x100,
    AllMulti = 0x200,
    Master = 0x400,
    Slave = 0x800,
    Multicast = 0x1000,
    LowerUp = 0x10000,
}

/// <summary>RFC 2863 operational state, as <c>ip link</c> prints it after "state".</summary>
public enum OperState
{
    Unknown,
    NotPresent,
    Down,
    LowerLayerDown,
    Testing,
    Dormant,
    Up,
}
