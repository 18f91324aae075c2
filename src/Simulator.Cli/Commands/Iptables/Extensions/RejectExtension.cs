using System.Text;
using Simulator.Netfilter.Targets;

namespace Simulator.Cli.Commands.Iptables.Extensions;

/// <summary><c>-j REJECT [--reject-with TYPE]</c> (libipt_REJECT).</summary>
internal sealed class RejectExtension : TargetExtension
{
    private static readonly (string Name, string Alias, RejectWith With)[] Types =
    [
        ("icmp-net-unreachable", "net-unreach", RejectWith.IcmpNetUnreachable),
        ("icmp-host-unreachable", "host-unreach", RejectWith.IcmpHostUnreachable),
        ("icmp-proto-unreachable", "proto-unreach", RejectWith.IcmpProtoUnreachable),
        ("icmp-port-unreachable", "port-unreach", RejectWith.IcmpPortUnreachable),
        ("icmp-net-prohibited", "net-prohib", RejectWith.IcmpNetProhibited),
        ("icmp-host-prohibited", "host-prohib", RejectWith.IcmpHostProhibited),
        ("tcp-reset", "tcp-rst", RejectWith.TcpReset),
        ("icmp-admin-prohibited", "admin-prohib", RejectWith.IcmpAdminProhibited),
    ];

    private RejectWith _with = RejectWith.IcmpPortUnreachable;

    public override string Name => "REJECT";

    public override IReadOnlyList<ExtensionOption> Options { get; } = [new("reject-with", ArgumentKind.Required, 0)];

    public override void Parse(ExtensionOption option, string? argument, bool invert, RuleParseState state)
    {
        CheckGeneric(option, invert);
        foreach (var (name, alias, with) in Types)
        {
            if (argument == name || argument == alias)
            {
                _with = with;
                return;
            }
        }
        if (argument is "echo-reply" or "echoreply")
            state.Warnings.Write("--reject-with echo-reply no longer supported\n");
        throw IptablesError.Parameter($"unknown reject type \"{argument}\"");
    }

    public override ITarget Build(RuleParseState state) => new RejectTarget(_with);

    private static string NameOf(RejectWith with) => Types.First(t => t.With == with).Name;

    public override void Print(ITarget target, FormatContext context, StringBuilder text) =>
        text.Append(" reject-with ").Append(NameOf(((RejectTarget)target).With));

    public override void Save(ITarget target, FormatContext context, StringBuilder text) =>
        text.Append(" --reject-with ").Append(NameOf(((RejectTarget)target).With));
}
