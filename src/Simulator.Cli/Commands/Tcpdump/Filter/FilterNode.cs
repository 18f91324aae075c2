namespace Simulator.Cli.Commands.Tcpdump.Filter;

/// <summary>A compiled filter expression: a tree of tests on the packet's bytes, as libpcap's BPF program is a graph of them.</summary>
public abstract class FilterNode
{
    public abstract bool Matches(FilterFrame frame);
}

/// <summary>The empty expression: every packet.</summary>
public sealed class AcceptAll : FilterNode
{
    public override bool Matches(FilterFrame frame) => true;
}

public sealed class AndNode(FilterNode left, FilterNode right) : FilterNode
{
    public override bool Matches(FilterFrame frame) => left.Matches(frame) && right.Matches(frame);
}

public sealed class OrNode(FilterNode left, FilterNode right) : FilterNode
{
    public override bool Matches(FilterFrame frame) => left.Matches(frame) || right.Matches(frame);
}

public sealed class NotNode(FilterNode operand) : FilterNode
{
    public override bool Matches(FilterFrame frame) => !operand.Matches(frame);
}
