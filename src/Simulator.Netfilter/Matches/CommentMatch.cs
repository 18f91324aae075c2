namespace Simulator.Netfilter.Matches;

/// <summary><c>-m comment --comment TEXT</c>: matches everything; it only annotates the rule.</summary>
public sealed record CommentMatch(string Text) : IMatch
{
    /// <summary>XT_MAX_COMMENT_LEN less the terminating NUL.</summary>
    public const int MaxLength = 255;

    public string Name => "comment";

    public bool Matches(in PacketContext packet) => true;
}
