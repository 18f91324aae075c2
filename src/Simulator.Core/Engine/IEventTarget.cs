namespace Simulator.Core.Engine;

/// <summary>
/// Something the engine can call back at a scheduled time. Scheduling an existing target with a
/// payload allocates nothing, which is what keeps the per-hop packet path allocation-free.
/// </summary>
public interface IEventTarget
{
    void OnEvent(object? payload, long argument);
}
