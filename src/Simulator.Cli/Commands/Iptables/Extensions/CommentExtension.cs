using System.Text;
using Simulator.Netfilter.Matches;

namespace Simulator.Cli.Commands.Iptables.Extensions;

/// <summary><c>-m comment --comment TEXT</c> (libxt_comment).</summary>
internal sealed class CommentExtension : MatchExtension
{
    private string _text = "";

    public override string Name => "comment";

    public override IReadOnlyList<ExtensionOption> Options { get; } = [new("comment", ArgumentKind.Required, 0)];

    public override void Parse(ExtensionOption option, string? argument, bool invert, RuleParseState state)
    {
        CheckGeneric(option, invert);
        _text = argument!.Length > CommentMatch.MaxLength ? argument[..CommentMatch.MaxLength] : argument;
    }

    public override void FinalCheck(RuleParseState state) => Require(0);

    public override IMatch Build(RuleParseState state) => new CommentMatch(_text);

    public override void Print(IMatch match, FormatContext context, StringBuilder text) =>
        text.Append(" /* ").Append(((CommentMatch)match).Text).Append(" */");

    public override void Save(IMatch match, FormatContext context, StringBuilder text)
    {
        text.Append(" --comment");
        SaveString.Append(((CommentMatch)match).Text, text);
    }
}
