using Simulator.Core.Packets;
using Simulator.Core.Tracing;

namespace Simulator.Core.Engine;

/// <summary>
/// One simulated world's clock, event queue, randomness, packet pool and trace sink.
/// Nothing here is static: two simulations in one process do not share state.
/// </summary>
public sealed class Simulation
{
    public const long Nanosecond = 1;
    public const long Microsecond = 1_000;
    public const long Millisecond = 1_000_000;
    public const long Second = 1_000_000_000;

    private readonly EventQueue _queue = new();

    public Simulation(ulong seed = 1)
    {
        Random = new DeterministicRandom(seed);
        Packets = new PacketPool();
    }

    /// <summary>Virtual time in nanoseconds since the simulation started.</summary>
    public long Now { get; private set; }

    public DeterministicRandom Random { get; }
    public PacketPool Packets { get; }

    /// <summary>Where trace events go; null (the default) turns tracing off.</summary>
    public ITraceSink? Trace { get; set; }

    /// <summary>
    /// How many events one Run call may execute before it gives up with
    /// <see cref="RunOutcome.BudgetExhausted"/>. A forwarding loop shows up this way instead of
    /// as a hang.
    /// </summary>
    public long EventBudget { get; set; } = 50_000_000;

    /// <summary>Events executed since the simulation started.</summary>
    public long EventsExecuted { get; private set; }

    public int PendingEvents => _queue.Count;

    /// <summary>Runs <paramref name="target"/> after <paramref name="delay"/> nanoseconds.</summary>
    public void Schedule(long delay, IEventTarget target, object? payload = null, long argument = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(delay);
        _queue.Push(Now + delay, target, payload, argument);
    }

    /// <summary>Runs <paramref name="action"/> after <paramref name="delay"/>; for rare events (it allocates).</summary>
    public void Schedule(long delay, Action action) => Schedule(delay, ActionTarget.Instance, action);

    public void Record(TraceEvent traceEvent) => Trace?.Record(traceEvent);

    public RunOutcome RunUntilIdle() => Run(long.MaxValue, null);

    /// <summary>Runs every event due at or before <paramref name="time"/>, then sets the clock to it.</summary>
    public RunOutcome RunUntil(long time) => Run(time, null);

    public RunOutcome RunFor(long duration) => Run(Now + duration, null);

    /// <summary>
    /// Runs events until <paramref name="stop"/> returns true (tested before each event and
    /// after it), the clock would pass <paramref name="time"/>, or the budget ends.
    /// </summary>
    public RunOutcome RunUntil(long time, Func<bool> stop) => Run(time, stop);

    private RunOutcome Run(long limit, Func<bool>? stop)
    {
        long budget = EventBudget;
        while (true)
        {
            if (stop != null && stop()) return RunOutcome.ConditionMet;
            if (_queue.Count == 0 || _queue.PeekTime > limit)
            {
                bool idle = _queue.Count == 0;
                if (limit != long.MaxValue) Now = Math.Max(Now, limit);
                return idle && limit == long.MaxValue ? RunOutcome.Idle : RunOutcome.TimeReached;
            }
            if (budget-- <= 0) return RunOutcome.BudgetExhausted;
            var entry = _queue.Pop();
            Now = entry.Time;
            EventsExecuted++;
            entry.Target.OnEvent(entry.Payload, entry.Argument);
        }
    }

    private sealed class ActionTarget : IEventTarget
    {
        public static readonly ActionTarget Instance = new();
        public void OnEvent(object? payload, long argument) => ((Action)payload!).Invoke();
    }
}
