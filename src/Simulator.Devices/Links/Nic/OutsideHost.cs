using Simulator.Core.Addressing;
using Simulator.Devices.Namespaces;

namespace Simulator.Devices.Links.Nic;

/// <summary>
/// A machine on a LAN outside the simulated host (host2, the gateway): a hidden namespace,
/// labelled for traces, with one NIC cabled to the LAN's switch.
/// </summary>
public sealed record OutsideHost(string Label, NetworkNamespace Namespace, EthernetNic Nic, Ipv4InterfaceAddress Address);
