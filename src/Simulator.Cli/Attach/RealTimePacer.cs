using System.Diagnostics;
using Simulator.Core.Engine;

namespace Simulator.Cli.Attach;

/// <summary>
/// Ties the virtual clock to the wall clock while a device is attached to a real interface:
/// an event every <see cref="Tick"/> of virtual time waits until the wall clock has caught up
/// (so a ping's one-second interval takes a second), then hands the frames captured meanwhile
/// to the model. The virtual clock never runs ahead of the wall clock; when it falls behind
/// (the script ran commands that take no simulated time) the pace is re-anchored rather than
/// rushed, so the model never replays real time at high speed.
/// </summary>
public sealed class RealTimePacer : IEventTarget
{
    public const long Tick = Simulation.Millisecond;

    /// <summary>How far the virtual clock may lag before the pace is re-anchored.</summary>
    private const long Slack = 20 * Simulation.Millisecond;

    private readonly Simulation _simulation;
    private readonly Action _drain;
    private readonly WaitHandle? _arrived;
    private readonly Stopwatch _wall = new();
    private long _anchorVirtual;
    private long _anchorWall;
    private bool _stopped;

    /// <param name="drain">Delivers frames captured since the last tick (engine thread).</param>
    /// <param name="arrived">Signalled when a frame is captured, to end a wait early.</param>
    public RealTimePacer(Simulation simulation, Action drain, WaitHandle? arrived)
    {
        _simulation = simulation;
        _drain = drain;
        _arrived = arrived;
    }

    public void Start()
    {
        _wall.Start();
        _anchorVirtual = _simulation.Now;
        _anchorWall = 0;
        _simulation.Schedule(0, this);
    }

    public void Stop() => _stopped = true;

    public void OnEvent(object? payload, long argument)
    {
        if (_stopped) return;
        long wall = _wall.Elapsed.Ticks * (Simulation.Second / TimeSpan.TicksPerSecond);
        long target = _anchorVirtual + (wall - _anchorWall);
        long ahead = _simulation.Now - target;
        if (ahead > 0)
        {
            // Wait for the wall clock, waking early when a frame arrives.
            int milliseconds = (int)Math.Max(1, ahead / Simulation.Millisecond);
            _arrived?.WaitOne(milliseconds);
        }
        else if (-ahead > Slack)
        {
            _anchorVirtual = _simulation.Now;
            _anchorWall = wall;
        }
        _drain();
        _simulation.Schedule(Tick, this);
    }
}
