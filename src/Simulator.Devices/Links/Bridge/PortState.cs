namespace Simulator.Devices.Links.Bridge;

/// <summary>
/// The 802.1D port states, numbered as the kernel's BR_STATE_* (include/uapi/linux/if_bridge.h):
/// /sys/class/net/BR/brif/PORT/state shows the number, <c>bridge link</c> the name.
/// </summary>
public enum PortState : byte
{
    Disabled = 0,
    Listening = 1,
    Learning = 2,
    Forwarding = 3,
    Blocking = 4,
}

/// <summary>Who runs the spanning tree (the kernel's BR_NO_STP / BR_KERNEL_STP; userspace STP is not modelled).</summary>
public enum StpMode : byte
{
    None = 0,
    Kernel = 1,
}

public static class PortStateNames
{
    /// <summary>br_port_state_names: the word dmesg, brctl showstp and <c>bridge link</c> print.</summary>
    public static string Name(this PortState state) => state switch
    {
        PortState.Disabled => "disabled",
        PortState.Listening => "listening",
        PortState.Learning => "learning",
        PortState.Forwarding => "forwarding",
        PortState.Blocking => "blocking",
        _ => state.ToString(),
    };
}
