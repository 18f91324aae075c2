using Simulator.Cli.Host.Processes;
using Simulator.Core.Engine;
using Simulator.Devices.Namespaces;

namespace Simulator.Cli.Commands.Netcat;

/// <summary>
/// netcat as a process in simulated time: what connecting and listening share — the readwrite
/// exchange, and one entry for every event so that the program's steps never interleave (a
/// name lookup runs the simulation while a step waits for it; events for the program that come
/// meanwhile wait their turn, as they would for a process that is busy).
/// </summary>
internal abstract class NetcatProcess(NetcatSetup setup) : SimulatedProcess
{
    private readonly Queue<Action> _deferred = new();
    private bool _busy;
    private byte[] _stdin = setup.Stdin;
    private INetcatChannel? _channel;

    protected NetcatSetup Setup => setup;
    protected NetcatOptions Options => setup.Options;
    protected NetcatReport Report => setup.Report;
    protected NetworkNamespace Namespace => setup.Invocation.Namespace;
    protected Simulation Simulation => setup.Invocation.World.Simulation;
    protected TextWriter Err => setup.Invocation.Err;
    protected NetcatSession? Session { get; private set; }

    /// <summary>Runs <paramref name="step"/> now, or after the step already running.</summary>
    protected void Dispatch(Action step)
    {
        if (HasExited) return;
        if (_busy)
        {
            _deferred.Enqueue(step);
            return;
        }
        _busy = true;
        try
        {
            step();
            while (!HasExited && _deferred.TryDequeue(out var next)) next();
        }
        finally
        {
            _busy = false;
            _deferred.Clear();
        }
    }

    /// <summary>
    /// readwrite() over <paramref name="channel"/>; then the channel closes and
    /// <paramref name="after"/> runs, unless -q ended it and netcat quits. Stdin goes to the first
    /// exchange; later ones (-k) find it at its end.
    /// </summary>
    protected void Exchange(INetcatChannel channel, bool listening, Action after)
    {
        var stdin = _stdin;
        _stdin = [];
        _channel = channel;
        Session = new NetcatSession(channel, stdin, Options, listening, setup.Invocation.Out, Simulation, quit =>
        {
            Session = null;
            _channel = null;
            channel.Close();
            if (quit) Quit(0);
            else after();
        });
        Session.Start(Dispatch);
    }

    /// <summary>exit(): the sockets close with the process.</summary>
    protected void Quit(int status) => Exit(status);

    protected override void OnExit()
    {
        Session?.Abort();
        Session = null;
        _channel?.Close();
        _channel = null;
        CloseAll();
    }

    /// <summary>Closes every socket and timer the program holds.</summary>
    protected abstract void CloseAll();
}
