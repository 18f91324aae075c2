using System.Diagnostics;
using Simulator.Cli.Attach;
using Simulator.Cli.Host;
using Simulator.Core.Addressing;
using Simulator.Core.Engine;
using Simulator.Core.Wire;
using Simulator.Devices.Namespaces;

namespace Simulator.Cli.Tests.Attach;

/// <summary>
/// A simulated host spliced onto a real veth through libpcap. Topology, all in namespaces the test
/// creates (the machine's own namespace is never touched):
/// <code>
///   namespace A                         namespace B
///   NetSim: sim0 10.99.0.2/24           kernel: vethB 10.99.0.1/24
///           |  (libpcap on vethA)               |
///         vethA  ---------------------------- vethB
/// </code>
/// </summary>
[NonParallelizable]
public class AttachTests
{
    private const string KernelAddress = "10.99.0.1";
    private const string ModelAddress = "10.99.0.2";

    private static (TestNamespaces Namespaces, string A, string B) Veth()
    {
        var namespaces = new TestNamespaces();
        var a = namespaces.Add("a") ?? throw new InvalidOperationException("ip netns add failed");
        var b = namespaces.Add("b") ?? throw new InvalidOperationException("ip netns add failed");
        Check(TestNamespaces.Run("ip", "-n", a, "link", "add", "vethA", "type", "veth", "peer", "name", "vethB", "netns", b));
        Check(TestNamespaces.Run("ip", "-n", a, "link", "set", "vethA", "up"));
        Check(TestNamespaces.Run("ip", "-n", b, "addr", "add", KernelAddress + "/24", "dev", "vethB"));
        Check(TestNamespaces.Run("ip", "-n", b, "link", "set", "vethB", "up"));
        return (namespaces, a, b);
    }

    private static void Check(Simulator.Cli.Validation.ProcessResult result) =>
        Assert.That(result.ExitStatus, Is.Zero, result.Stderr);

    [Test]
    public void Kernel_and_simulated_host_ping_each_other_across_the_splice()
    {
        TestNamespaces.RequireKernel();
        var (namespaces, a, b) = Veth();
        using var _ = namespaces;
        var world = new World();
        var attachment = TestNamespaces.InNamespace(a, () =>
            Attachment.Create(world, new AttachSpec("sim0", "vethA"), out var error) ?? throw new InvalidOperationException(error));
        using (attachment)
        {
            var sim0 = attachment.Device;
            Assert.That(Ipv4InterfaceAddress.TryParse(ModelAddress + "/24", out var address), Is.True);
            Assert.That(sim0.Namespace.Ipv4.Addresses.Add(sim0, address, default), Is.Null);
            sim0.SetUp();

            // The kernel pings the simulated host while the simulation runs in real time.
            using var kernelPing = Process.Start(new ProcessStartInfo("ip", ["netns", "exec", b, "ping", "-c", "3", "-i", "0.3", "-W", "2", ModelAddress])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var socket = sim0.Namespace.Ipv4.Sockets.OpenRaw(IpProtocol.Icmp);
            var replies = new List<IcmpRepr>();
            var watch = Stopwatch.StartNew();
            for (ushort seq = 1; seq <= 3; seq++)
            {
                var echo = IcmpRepr.EchoRequest(0x4d4e, seq, 56);
                var message = new byte[echo.BufferLength];
                echo.Emit(message, new byte[56]);
                Assert.That(socket.SendTo(Ipv4Address.Parse(KernelAddress), message), Is.Null);
                world.Simulation.RunFor(Simulation.Second);
                while (socket.Received.Count > 0)
                {
                    var bytes = socket.Received.Dequeue().Bytes;
                    Ipv4Repr.TryParse(bytes, ChecksumMode.Verify, out var ip);
                    IcmpRepr.TryParse(bytes.AsSpan(ip.HeaderLength), ChecksumMode.Verify, out var icmp);
                    if (icmp.Type == IcmpType.EchoReply) replies.Add(icmp);
                }
            }
            // Keep answering until the kernel's ping is done.
            while (!kernelPing.HasExited && watch.Elapsed < TimeSpan.FromSeconds(10)) world.Simulation.RunFor(100 * Simulation.Millisecond);
            var kernelOutput = kernelPing.StandardOutput.ReadToEnd() + kernelPing.StandardError.ReadToEnd();
            kernelPing.WaitForExit();
            TestContext.Out.WriteLine(kernelOutput);

            Assert.That(attachment.Problem, Is.Null);
            Assert.That(replies.Select(r => r.SequenceNumber), Is.EqualTo(new ushort[] { 1, 2, 3 }), "the kernel answered the simulated host");
            Assert.That(kernelPing.ExitCode, Is.Zero, kernelOutput);
            Assert.That(kernelOutput, Does.Contain("3 packets transmitted, 3 received"), "the simulated host answered the kernel");
            // Real time: three pings a second apart took about three seconds of wall time.
            Assert.That(watch.Elapsed, Is.GreaterThan(TimeSpan.FromSeconds(2.5)));
        }
    }

    [Test]
    public void Netsim_run_attached_inside_a_namespace_answers_the_kernel_and_gets_answers()
    {
        TestNamespaces.RequireKernel();
        var commands = CommandCatalog.All().SelectMany(c => c.Names).ToHashSet();
        if (!commands.Contains("ip") || !commands.Contains("ping"))
            Assert.Ignore("the model has no ip or ping command on this branch yet: the scenario cannot configure sim0");
        var (namespaces, a, b) = Veth();
        using var _ = namespaces;
        var script = Path.Combine(Path.GetTempPath(), $"netsim-attach-{Environment.ProcessId}.sh");
        File.WriteAllText(script, $"""
            ip addr add {ModelAddress}/24 dev sim0
            ip link set sim0 up
            ping -c 2 {KernelAddress}
            sleep 6
            """);
        try
        {
            var netsim = Path.Combine(AppContext.BaseDirectory, "netsim.dll");
            using var run = Process.Start(new ProcessStartInfo("ip", ["netns", "exec", a, "dotnet", netsim, "run", "--attach", "sim0=vethA", script])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            // The simulated host is up once it answers; then the kernel's ping gets every reply.
            var deadline = Stopwatch.StartNew();
            while (TestNamespaces.Run("ip", "netns", "exec", b, "ping", "-c", "1", "-W", "1", ModelAddress).ExitStatus != 0 &&
                   deadline.Elapsed < TimeSpan.FromSeconds(15)) { }
            var kernelPing = TestNamespaces.Run("ip", "netns", "exec", b, "ping", "-c", "2", "-i", "0.3", ModelAddress);
            var output = run.StandardOutput.ReadToEnd() + run.StandardError.ReadToEnd();
            run.WaitForExit();
            TestContext.Out.WriteLine(output);
            TestContext.Out.WriteLine(kernelPing.Stdout);
            Assert.That(kernelPing.ExitStatus, Is.Zero, kernelPing.Stdout + kernelPing.Stderr);
            Assert.That(output, Does.Contain("2 packets transmitted, 2 received"), "the kernel answered the simulated host's ping");
            Assert.That(run.ExitCode, Is.Zero, output);
        }
        finally
        {
            File.Delete(script);
        }
    }

    [Test]
    public void Attach_needs_both_names()
    {
        Assert.That(AttachSpec.TryParse("sim0", out var error), Is.Null);
        Assert.That(error, Does.Contain("SIMDEV=REALDEV"));
        Assert.That(AttachSpec.TryParse("sim0=", out _), Is.Null);
        Assert.That(AttachSpec.TryParse("=eth0", out _), Is.Null);
        Assert.That(AttachSpec.TryParse("sim0=veth/x", out _), Is.Null);
        Assert.That(AttachSpec.TryParse("sim0=vethA", out _), Is.EqualTo(new AttachSpec("sim0", "vethA")));
    }
}
