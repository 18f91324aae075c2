namespace Simulator.Core.Engine;

/// <summary>
/// A restartable one-shot timer, like the kernel's <c>timer_list</c> with <c>mod_timer</c>.
/// Re-arming or cancelling does not search the event queue: each arming has a generation, and a
/// stale expiry is ignored when it comes due.
/// </summary>
public sealed class Timer : IEventTarget
{
    private readonly Simulation _simulation;
    private readonly Action _expired;
    private long _generation;

    public Timer(Simulation simulation, Action expired)
    {
        _simulation = simulation;
        _expired = expired;
    }

    public bool IsArmed { get; private set; }
    public long ExpiresAt { get; private set; }

    public void Arm(long delay)
    {
        IsArmed = true;
        ExpiresAt = _simulation.Now + delay;
        _simulation.Schedule(delay, this, null, ++_generation);
    }

    public void Cancel()
    {
        IsArmed = false;
        _generation++;
    }

    void IEventTarget.OnEvent(object? payload, long argument)
    {
        if (!IsArmed || argument != _generation) return;
        IsArmed = false;
        _expired();
    }
}
