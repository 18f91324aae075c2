using Simulator.Cli.Host;
using Simulator.Devices;
using Simulator.Devices.Links;
using Simulator.Devices.Namespaces;

namespace Simulator.Cli.Commands.Ip;

/// <summary>One run of ip: the namespace it works on (the shell's, or -n NS), its options and streams.</summary>
public sealed class IpContext(Invocation invocation, NetworkNamespace ns, IpOptions options)
{
    public Invocation Invocation { get; } = invocation;
    public NetworkNamespace Namespace { get; } = ns;
    public IpOptions Options { get; } = options;
    public World World => Invocation.World;
    public TextWriter Out => Invocation.Out;
    public TextWriter Err => Invocation.Err;

    /// <summary>ll_name_to_index for a command that changes a device: <c>Cannot find device "X"</c>, status 1.</summary>
    public NetDevice Device(string name) => Namespace.FindDevice(name) ?? throw IpUsageError.NoDevice(name);

    /// <summary>The same lookup for a listing: <c>Device "X" does not exist.</c>, status 1.</summary>
    public NetDevice ListedDevice(string name) =>
        Namespace.FindDevice(name) ?? throw new IpUsageError($"Device \"{name}\" does not exist.", IpUsageError.Failure);

    /// <summary>Prints a kernel refusal as iproute2 does; the status of a failed netlink request is 2.</summary>
    public int Fail(NetlinkError error)
    {
        Err.WriteLine(error.ToString());
        return 2;
    }
}
