namespace Simulator.Core.Engine;

public enum RunOutcome
{
    /// <summary>No event is left to run.</summary>
    Idle,
    /// <summary>The clock reached the time limit.</summary>
    TimeReached,
    /// <summary>The caller's stop condition became true.</summary>
    ConditionMet,
    /// <summary>The event budget ran out: something keeps generating events (a forwarding loop, usually).</summary>
    BudgetExhausted,
}
