using Simulator.Core.Wire;

namespace Simulator.Cli.Commands.Resolver;

/// <summary>How one round of questions to the nameservers ended.</summary>
public enum DnsOutcome
{
    /// <summary>A server answered every question (NOERROR or NXDOMAIN).</summary>
    Answered,
    /// <summary>Every server that answered said SERVFAIL, REFUSED or NOTIMP.</summary>
    ServerFailure,
    /// <summary>No answer: timeouts, or the servers could not be reached (refused, unreachable).</summary>
    NoAnswer,
}

/// <summary>The answers to the questions sent together (A and AAAA), in the order they were asked.</summary>
public sealed record DnsExchange(DnsOutcome Outcome, IReadOnlyList<DnsRepr> Answers)
{
    public static DnsExchange Failed(DnsOutcome outcome) => new(outcome, []);
}
