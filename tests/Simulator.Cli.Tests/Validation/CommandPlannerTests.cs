using Simulator.Cli.Validation;

namespace Simulator.Cli.Tests.Validation;

/// <summary>What the kernel side does with each kind of command (no kernel needed: nothing here probes link kinds).</summary>
public class CommandPlannerTests
{
    private static readonly RealNamespaces Names = new(4242, 7);

    private static CommandPlan Plan(string command, string? ns = null, bool background = false)
    {
        var runner = new ProcessRunner(Path.GetTempPath());
        runner.Close();
        var planner = new CommandPlanner(Names, new KernelCapabilities(runner, "none"), "/tmp/scratch");
        return planner.Plan(command.Split(' '), ns, background);
    }

    [Test]
    public void A_host_command_runs_in_the_runs_host_namespace()
    {
        var plan = Plan("ip link show");
        Assert.That(plan.Kind, Is.EqualTo(PlanKind.Compare));
        Assert.That(plan.RealArgv, Is.EqualTo(new[] { "ip", "netns", "exec", "nsv4242-7.host", "ip", "link", "show" }));
    }

    [Test]
    public void A_command_of_a_shell_inside_a_namespace_runs_in_that_namespace()
    {
        Assert.That(Plan("sysctl net.ipv4.ip_forward", ns: "red").RealArgv,
            Is.EqualTo(new[] { "ip", "netns", "exec", "nsv4242-7-red", "sysctl", "net.ipv4.ip_forward" }));
    }

    [TestCase("ip netns add red", "ip netns add nsv4242-7-red")]
    [TestCase("ip netns del red", "ip netns del nsv4242-7-red")]
    [TestCase("ip netns exec red ping -c 1 10.0.0.1", "ip netns exec nsv4242-7-red ping -c 1 10.0.0.1")]
    public void Namespace_creation_and_entry_run_as_they_are(string command, string real) =>
        Assert.That(string.Join(' ', Plan(command).RealArgv), Is.EqualTo(real));

    [TestCase("ip netns exec red bash -c true")]
    [TestCase("ip netns exec red sh script.sh")]
    public void A_shell_inside_a_namespace_is_looked_into(string command) =>
        Assert.That(Plan(command).Kind, Is.EqualTo(PlanKind.Transparent));

    [TestCase("ping 10.0.0.1", "unbounded")]
    [TestCase("ip netns exec red ping 10.0.0.1", "unbounded")]
    [TestCase("tcpdump -ni eth0", "unbounded")]
    [TestCase("tcpdump -r x.pcap", "capture file")]
    [TestCase("nc -l 80", "unbounded")]
    [TestCase("conntrack -E", "unbounded")]
    [TestCase("ip monitor", "unbounded")]
    [TestCase("ip netns pids red", "process ids")]
    [TestCase("sysctl -w kernel.hostname=x", "not a per-namespace setting")]
    [TestCase("sysctl -p", "machine's own sysctl files")]
    [TestCase("dmesg", "not a network command")]
    [TestCase("modprobe bonding", "not a network command")]
    [TestCase("ip link set eth0 netns 1", "refused")]
    [TestCase("iptables-restore /root/rules.v4", "file of the machine")]
    [TestCase("curl -o /etc/passwd http://10.0.0.1/", "file of the machine")]
    public void Commands_the_kernel_must_not_run_are_skipped_with_a_reason(string command, string reason)
    {
        var plan = Plan(command);
        Assert.That(plan.Kind, Is.EqualTo(PlanKind.Skip));
        Assert.That(plan.Reason, Does.Contain(reason));
    }

    [TestCase("ping -c 3 10.0.0.1")]
    [TestCase("ping -qc3 10.0.0.1")]
    [TestCase("ping -w 2 10.0.0.1")]
    [TestCase("timeout 3 ping 10.0.0.1")]
    [TestCase("tcpdump -c 2 -ni eth0")]
    [TestCase("sysctl -w net.ipv4.ip_forward=1")]
    [TestCase("sysctl net.ipv4.conf.all.forwarding")]
    public void Bounded_network_commands_are_compared(string command) =>
        Assert.That(Plan(command).Kind, Is.EqualTo(PlanKind.Compare));

    [Test]
    public void A_background_command_is_a_job_placed_like_any_other()
    {
        var plan = Plan("ip netns exec red ping -c 3 10.0.0.1", background: true);
        Assert.That(plan.Kind, Is.EqualTo(PlanKind.Job));
        Assert.That(plan.RealArgv, Is.EqualTo(new[] { "ip", "netns", "exec", "nsv4242-7-red", "ping", "-c", "3", "10.0.0.1" }));
        Assert.That(Plan("ping -c 3 10.0.0.1", ns: "red", background: true).RealArgv,
            Is.EqualTo(new[] { "ip", "netns", "exec", "nsv4242-7-red", "ping", "-c", "3", "10.0.0.1" }));
    }

    // In the background a command may run until it is killed: the kernel's job is ended with the
    // model's, at the latest when the script ends.
    [TestCase("ping 10.0.0.1")]
    [TestCase("tcpdump -ni eth0")]
    [TestCase("nc -l 80")]
    [TestCase("conntrack -E")]
    [TestCase("ip monitor")]
    public void An_unbounded_command_runs_as_a_job(string command) =>
        Assert.That(Plan(command, background: true).Kind, Is.EqualTo(PlanKind.Job));

    [TestCase("tcpdump -r x.pcap", "capture file")]
    [TestCase("sysctl -w kernel.hostname=x", "not a per-namespace setting")]
    [TestCase("ip netns pids red", "process ids")]
    [TestCase("ip link set eth0 netns 1", "refused")]
    [TestCase("sleep 5", "not a network command")]
    public void A_background_command_the_kernel_must_not_run_is_skipped(string command, string reason)
    {
        var plan = Plan(command, background: true);
        Assert.That(plan.Kind, Is.EqualTo(PlanKind.Skip));
        Assert.That(plan.Reason, Does.Contain(reason));
    }

    // Never a real kill or pkill: they act on the model's jobs, and through them on the kernel's.
    [TestCase("kill %1")]
    [TestCase("kill -INT %%")]
    [TestCase("pkill ping")]
    [TestCase("wait")]
    [TestCase("wait %1")]
    public void Job_control_acts_on_the_jobs_and_runs_nothing_real(string command)
    {
        var plan = Plan(command);
        Assert.That(plan.Kind, Is.EqualTo(PlanKind.JobControl));
        Assert.That(plan.RealArgv, Is.Empty);
        Assert.That(plan.Reason, Does.StartWith("job control: "));
    }

    [TestCase("nc 10.0.0.2 80", true)]
    [TestCase("ip netns exec red nc -vn -N 10.0.0.2 80", true)]
    [TestCase("nc -w 2 10.0.0.2 80", false)]
    [TestCase("nc -zv 10.0.0.2 80", false)]
    [TestCase("timeout 3 nc 10.0.0.2 80", false)]
    public void Netcat_without_a_limit_of_its_own_is_compared_within_the_models_time(string command, bool endsWithPeer)
    {
        var plan = Plan(command);
        Assert.That(plan.Kind, Is.EqualTo(PlanKind.Compare));
        Assert.That(plan.EndsWithPeer, Is.EqualTo(endsWithPeer));
    }

    [Test]
    public void Sleep_is_paced_on_both_sides_but_not_compared()
    {
        Assert.That(Plan("sleep 2").Kind, Is.EqualTo(PlanKind.Pace));
        Assert.That(Plan("sleep 1000").Kind, Is.EqualTo(PlanKind.Skip));
    }

    [Test]
    public void A_capture_file_goes_to_the_scratch_directory()
    {
        var plan = Plan("tcpdump -c 1 -w /root/x.pcap");
        Assert.That(plan.RealArgv, Does.Contain("/tmp/scratch/x.pcap").And.Not.Contain("/root/x.pcap"));
    }

    [Test]
    public void Rules_are_restored_from_standard_input()
    {
        Assert.That(Plan("iptables-restore").ReadsStdin, Is.True);
        Assert.That(Plan("iptables -S").ReadsStdin, Is.False);
        Assert.That(Plan("ip netns exec red nc -l 80", background: true).ReadsStdin, Is.True, "what netcat sends");
    }
}
