namespace Simulator.Devices.Links;

/// <summary>Device lifecycle notifications, as the kernel's netdevice notifier chain (NETDEV_*).</summary>
public enum NetdevEvent
{
    Register,
    Unregister,
    /// <summary>Administratively brought up.</summary>
    Up,
    /// <summary>Going down (before the flag clears in the kernel; here: after).</summary>
    Down,
    /// <summary>Carrier or operational state changed.</summary>
    Change,
    ChangeAddress,
    ChangeName,
    ChangeMtu,
    /// <summary>The device got or lost a master (bridge, bond…).</summary>
    ChangeUpper,
}
