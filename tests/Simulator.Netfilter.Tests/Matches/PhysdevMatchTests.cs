using Simulator.Netfilter.Matches;
using Simulator.Netfilter.Tables;

namespace Simulator.Netfilter.Tests.Matches;

public class PhysdevMatchTests
{
    private static readonly PacketContext Bridged = Packets.Icmp("192.168.0.2", "192.168.0.3", 8, hook: NetfilterHook.Forward) with
    {
        InDevice = "br1",
        OutDevice = "br1",
        IsBridged = true,
        PhysInDevice = "eth0",
        PhysOutDevice = "veth1",
    };

    private static PhysdevMatch InOut(string? @in, string? @out, PhysdevOptions inverted = PhysdevOptions.None)
    {
        var options = (@in is null ? 0 : PhysdevOptions.In) | (@out is null ? 0 : PhysdevOptions.Out);
        return new PhysdevMatch(InterfacePattern.Parse(@in ?? ""), InterfacePattern.Parse(@out ?? ""), options, inverted);
    }

    [Test]
    public void SeedRuleMatchesTheBridgedDirectionOnly()
    {
        // seed 000: -m physdev --physdev-in eth0 --physdev-out veth1 -j ACCEPT
        var match = InOut("eth0", "veth1");
        Assert.Multiple(() =>
        {
            Assert.That(match.Matches(Bridged), Is.True);
            Assert.That(match.Matches(Bridged with { PhysInDevice = "veth1", PhysOutDevice = "eth0" }), Is.False);
        });
    }

    [Test]
    public void NotBridgedMatchesOnlyNegatedOptions()
    {
        var routed = Bridged with { IsBridged = false, PhysInDevice = null, PhysOutDevice = null };
        Assert.Multiple(() =>
        {
            Assert.That(InOut("eth0", null).Matches(routed), Is.False);
            Assert.That(InOut("eth0", null, PhysdevOptions.In).Matches(routed), Is.True);
        });
    }

    [Test]
    public void IsBridgedNeedsAnOutputPort()
    {
        var isBridged = new PhysdevMatch(default, default, PhysdevOptions.IsBridged, PhysdevOptions.None);
        var toHost = Bridged with { PhysOutDevice = null };
        Assert.Multiple(() =>
        {
            Assert.That(isBridged.Matches(Bridged), Is.True);
            Assert.That(isBridged.Matches(toHost), Is.False);
            Assert.That((isBridged with { Inverted = PhysdevOptions.IsBridged }).Matches(toHost), Is.True);
        });
    }

    [Test]
    public void WildcardAndInvertedIn()
    {
        Assert.Multiple(() =>
        {
            Assert.That(InOut("eth+", null).Matches(Bridged), Is.True);
            Assert.That(InOut("eth0", null, PhysdevOptions.In).Matches(Bridged), Is.False);
            Assert.That(InOut("veth1", null, PhysdevOptions.In).Matches(Bridged), Is.True);
        });
    }

    [Test]
    public void OutputPortUnknownInOutput()
    {
        var context = new RuleCheckContext(TableKind.Filter, HookMask.LocalOut, IpPacketMatch.Any);
        var check = InOut(null, "veth0").CheckEntry(context);
        Assert.Multiple(() =>
        {
            Assert.That(check.Ok, Is.False);
            Assert.That(check.KernelLog, Does.StartWith("xt_physdev: --physdev-out and --physdev-is-out only supported"));
            Assert.That(InOut(null, "veth0").CheckEntry(context with { Hooks = HookMask.Forward }).Ok, Is.True);
        });
    }
}
