namespace Simulator.Devices.Sysctl;

/// <summary>One set of net.ipv4.conf.* values: for "all", "default" or one interface (ipv4_devconf).</summary>
public sealed class DevConf
{
    private readonly int[] _values = new int[DevConfKeys.Count];

    public DevConf()
    {
        foreach (var key in DevConfKeys.All) _values[(int)key] = DevConfKeys.Default(key);
    }

    public int this[DevConfKey key]
    {
        get => _values[(int)key];
        set => _values[(int)key] = value;
    }

    public DevConf Clone()
    {
        var copy = new DevConf();
        _values.CopyTo(copy._values, 0);
        return copy;
    }
}
