using Simulator.Cli.Host;
using Simulator.Devices.Namespaces;

namespace Simulator.Cli.Commands.Utilities;

/// <summary>util-linux dmesg: the kernel messages the model logged (promiscuous mode, iptables LOG…).</summary>
public sealed class DmesgCommand : INetworkCommand
{
    public IReadOnlyList<string> Names { get; } = ["dmesg"];

    public int Run(Invocation invocation)
    {
        bool clear = false, print = true;
        foreach (var arg in invocation.Args)
        {
            switch (arg)
            {
                case "-c" or "--read-clear": clear = true; break;
                case "-C" or "--clear": clear = true; print = false; break;
                default:
                    invocation.Err.WriteLine($"dmesg: unrecognized option '{arg}'");
                    invocation.Err.WriteLine("Try 'dmesg --help' for more information.");
                    return 1;
            }
        }
        var log = invocation.World.Kernel;
        if (print)
            foreach (var line in log.Lines) invocation.Out.WriteLine(KernelLog.Format(line));
        if (clear) log.Clear();
        return 0;
    }
}
