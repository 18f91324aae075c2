using Simulator.Core.Packets;

namespace Simulator.Devices.Links;

/// <summary>What an rx handler did with a frame (the kernel's <c>rx_handler_result_t</c>).</summary>
public enum RxHandlerResult
{
    /// <summary>The handler took the frame; nothing more to do.</summary>
    Consumed,
    /// <summary>Run the receive path again with the device the handler put in <c>device</c>.</summary>
    Another,
    /// <summary>Deliver only to protocol handlers bound exactly to this device.</summary>
    Exact,
    /// <summary>Continue as if there were no handler.</summary>
    Pass,
}

/// <summary>
/// The one receive hook a device can have, installed by the device's upper (a bridge port's
/// bridge, a macvlan's lower device, a bond's slave). <see cref="NetDevice.RegisterRxHandler"/>
/// refuses a second one, as <c>netdev_rx_handler_register</c> returns -EBUSY.
/// </summary>
public interface IRxHandler
{
    /// <param name="frame">The Ethernet frame, header included.</param>
    /// <param name="device">The device the frame arrived on; set it when returning Another.</param>
    RxHandlerResult Handle(Packet frame, ref NetDevice device);
}
