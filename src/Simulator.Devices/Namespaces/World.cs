using Simulator.Core.Addressing;
using Simulator.Core.Engine;
using Simulator.Devices.Links;

namespace Simulator.Devices.Namespaces;

/// <summary>
/// Everything one simulation holds: the scenario host's initial namespace, the namespaces
/// <c>ip netns</c> names, hidden namespaces that stand for machines outside the host, and the
/// engine they share.
/// </summary>
public sealed class World
{
    private readonly Dictionary<string, NetworkNamespace> _named = new(StringComparer.Ordinal);
    private readonly List<NetworkNamespace> _all = [];
    private readonly List<string> _namedOrder = [];

    public World(ulong seed = 1)
    {
        Simulation = new Simulation(seed);
        Kernel = new KernelLog(Simulation);
        InitialNamespace = new NetworkNamespace(this, name: null, inheritFrom: null);
        _all.Add(InitialNamespace);
    }

    public Simulation Simulation { get; }

    /// <summary>The scenario host's kernel log (dmesg).</summary>
    public KernelLog Kernel { get; }

    /// <summary>The namespace a scenario's commands run in unless <c>ip netns exec</c> says otherwise.</summary>
    public NetworkNamespace InitialNamespace { get; }

    public IReadOnlyList<NetworkNamespace> Namespaces => _all;

    /// <summary>Named namespaces, newest first, as <c>ip netns list</c> shows them (tmpfs order).</summary>
    public IEnumerable<NetworkNamespace> NamedNamespaces =>
        Enumerable.Range(0, _namedOrder.Count).Select(i => _named[_namedOrder[_namedOrder.Count - 1 - i]]);

    /// <summary>Notified of every device event in every namespace, after the namespace's own stack.</summary>
    public event Action<NetDevice, NetdevEvent>? NetdevEvents;

    public NetworkNamespace? FindNamespace(string name) => _named.GetValueOrDefault(name);

    /// <summary>
    /// A new namespace. Its IPv4 all/default settings are copied from the initial namespace at this
    /// moment (net.core.devconf_inherit_init_net=0), which is why a namespace created after
    /// <c>ip_forward=1</c> on the host forwards too.
    /// </summary>
    public NetworkNamespace CreateNamespace(string? name)
    {
        if (name != null && _named.ContainsKey(name))
            throw new InvalidOperationException($"namespace {name} exists");
        var ns = new NetworkNamespace(this, name, InitialNamespace);
        _all.Add(ns);
        if (name != null)
        {
            _named[name] = ns;
            _namedOrder.Add(name);
        }
        return ns;
    }

    /// <summary>
    /// Destroys a namespace: its virtual devices are deleted (a veth's peer elsewhere goes too) and
    /// devices that cannot be deleted go back to the initial namespace (default_device_exit).
    /// </summary>
    public void DeleteNamespace(NetworkNamespace ns)
    {
        if (ns == InitialNamespace) throw new InvalidOperationException("cannot delete the initial namespace");
        if (ns.Name != null)
        {
            _named.Remove(ns.Name);
            _namedOrder.Remove(ns.Name);
        }
        foreach (var device in ns.Devices.Reverse().ToList())
        {
            if (device is LoopbackDevice || device.Namespace != ns) continue;
            if (device.CanChangeNamespace && !device.IsVirtual)
                MoveDevice(device, InitialNamespace, InitialNamespace.UniqueNameLike(device.Name));
            else
                DeleteDevice(device);
        }
        ns.Destroy();
        _all.Remove(ns);
    }

    public void DeleteDevice(NetDevice device, bool deletingPeer = false)
    {
        if (device.Namespace is null) return;
        var ns = device.Namespace;
        if (!ns.Contains(device)) return;
        if (device.IsUp) device.SetDown();
        ns.Unregister(device);
        if (!deletingPeer) device.OnDelete();
    }

    /// <summary>dev_change_net_namespace: the device leaves its namespace (losing its IPv4 state) and joins another.</summary>
    public void MoveDevice(NetDevice device, NetworkNamespace target, string? newName = null)
    {
        var source = device.Namespace;
        if (device.IsUp) device.SetDown();
        source.Unregister(device);
        device.OnNamespaceChanging(target);
        if (newName != null) device.Name = newName;
        target.Register(device, preferredIfIndex: device.IfIndex);
    }

    public MacAddress RandomMac() => MacAddress.FromRandom(Simulation.Random.NextUInt64());

    internal void Notify(NetDevice device, NetdevEvent netdevEvent)
    {
        if (device.Namespace is null) return;
        device.Namespace.OnNetdevEvent(device, netdevEvent);
        NetdevEvents?.Invoke(device, netdevEvent);
    }
}
