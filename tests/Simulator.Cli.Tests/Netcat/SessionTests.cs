using Simulator.Core.Engine;

namespace Simulator.Cli.Tests.Netcat;

/// <summary>
/// netcat's exchanges in simulated time: when they end, what -q, -w, -N, -k, -s and -z do, and
/// what the listener and the client print. The expected texts, statuses and timings are those
/// of netcat-openbsd 1.219-1 between two namespaces on Linux 6.18 (measured with the same
/// commands; client ports are random there, hence {n} in patterns).
/// </summary>
public class SessionTests
{
    private static double Seconds(long ns) => ns / (double)Simulation.Second;

    [Test]
    public void Piped_line_without_n_waits_until_the_listener_closes()
    {
        // echo hello | nc host port: stdin ends, but openbsd netcat keeps the connection open
        // until the peer closes it. Here the listener gives up after 5 idle seconds (-w 5), and
        // its FIN ends the client: 5.01 s for the real pair.
        var bench = new NetcatBench();
        bench.Run("ip netns exec b nc -l -w 5 9000 &");
        long start = bench.Now;
        var client = bench.One("echo hello | ip netns exec a nc 10.0.0.2 9000");
        Assert.That(client.ExitStatus, Is.Zero);
        Assert.That(client.Lines(), Is.EqualTo(new[] { "hello" }), "the listener printed the line as it came");
        Assert.That(Seconds(bench.Now - start), Is.EqualTo(5).Within(0.01));
        Assert.That(bench.One("wait %1").ExitStatus, Is.Zero);
    }

    [Test]
    public void Quit_timer_ends_the_client_a_second_after_stdin()
    {
        var bench = new NetcatBench();
        bench.Run("ip netns exec b nc -l 9005 &");
        long start = bench.Now;
        var client = bench.One("echo hi5 | ip netns exec a nc -q 1 10.0.0.2 9005");
        Assert.That(client.ExitStatus, Is.Zero);
        Assert.That(Seconds(bench.Now - start), Is.EqualTo(1).Within(0.01));
        // The client's FIN (it exited) ends the listener, which printed the line.
        Assert.That(client.Lines(), Is.EqualTo(new[] { "hi5" }));
        Assert.That(bench.One("wait %1").ExitStatus, Is.Zero);
    }

    [Test]
    public void Quit_timer_zero_sends_and_closes_at_once()
    {
        var bench = new NetcatBench();
        bench.Run("ip netns exec b nc -l 9004 &");
        var client = bench.One("echo hi4 | ip netns exec a nc -q 0 10.0.0.2 9004");
        Assert.That(client.ExitStatus, Is.Zero);
        Assert.That(client.Lines(), Is.Empty, "the client is gone before its line reaches the listener");
        var listener = bench.One("wait %1");
        Assert.That(listener.Lines(), Is.EqualTo(new[] { "hi4" }));
        Assert.That(listener.ExitStatus, Is.Zero);
    }

    [Test]
    public void Idle_timeout_ends_a_quiet_connection_with_status_zero()
    {
        var bench = new NetcatBench();
        bench.Run("ip netns exec b nc -l 9105 > /dev/null &");
        long start = bench.Now;
        var client = bench.One("ip netns exec a nc -w 2 10.0.0.2 9105 < /dev/null");
        Assert.That(client.ExitStatus, Is.Zero);
        Assert.That(Seconds(bench.Now - start), Is.EqualTo(2).Within(0.01));
    }

    [Test]
    public void Keep_listening_takes_one_client_after_another()
    {
        var bench = new NetcatBench();
        var listener = bench.One("ip netns exec b nc -lkvn 9304 &");
        Assert.That(listener.Lines(), Is.EqualTo(new[] { "Listening on 0.0.0.0 9304" }));
        var one = bench.One("echo one | ip netns exec a nc -N 10.0.0.2 9304");
        var two = bench.One("echo two | ip netns exec a nc -N 10.0.0.2 9304");
        Assert.That(one.Lines(), Has.Length.EqualTo(2));
        Assert.That(one.Lines()[0], Does.Match(@"^Connection received on 10\.0\.0\.1 \d+$"));
        Assert.That(one.Lines()[1], Is.EqualTo("one"));
        Assert.That(two.Lines()[1], Is.EqualTo("two"));
        Assert.That((one.ExitStatus, two.ExitStatus), Is.EqualTo((0, 0)));
        bench.One("kill %1");
        Assert.That(bench.One("wait %1").ExitStatus, Is.EqualTo(143));
    }

    [Test]
    public void A_second_client_waits_in_the_accept_queue_and_is_reset_when_the_listener_exits()
    {
        // The first client holds the listener's one session (no -N: its stdin's end sends no FIN).
        // The second connects (the kernel completes the handshake for the busy listener), says it
        // succeeded and sends its line, which nobody reads; the listener's exit resets it. As on
        // Linux 6.18 with netcat-openbsd 1.219, whose transcript this is.
        var bench = new NetcatBench();
        var before = bench.Run("""
            ip netns exec b nc -l 9201 &
            ip netns exec a nc 10.0.0.2 9201 < /dev/null &
            echo second | ip netns exec a nc -v -N 10.0.0.2 9201 &
            sleep 1
            kill %1
            """);
        var second = bench.One("wait %3");
        var printed = before.SelectMany(s => s.Lines()).Concat(second.Lines()).ToList();
        Assert.That(second.ExitStatus, Is.Zero);
        Assert.That(printed, Is.EqualTo(new[] { "Connection to 10.0.0.2 9201 port [tcp/*] succeeded!" }),
            "the listener never read the second client's line");
    }

    [Test]
    public void Source_address_binds_an_odd_port_and_the_listener_sees_it()
    {
        var bench = new NetcatBench();
        bench.Run("""
            ip -n a addr add 10.0.0.11/24 dev va
            ip netns exec b nc -lvn 9106 &
            """);
        var client = bench.One("echo src | ip netns exec a nc -N -s 10.0.0.11 10.0.0.2 9106");
        Assert.That(client.Lines()[0], Does.Match(@"^Connection received on 10\.0\.0\.11 \d+$"));
        int port = int.Parse(client.Lines()[0].Split(' ')[^1]);
        Assert.That(port % 2, Is.EqualTo(1), "bind() to port 0 picks odd ports first");
        Assert.That(client.Lines()[1], Is.EqualTo("src"));
    }

    [Test]
    public void Source_port_already_taken_fails_the_bind()
    {
        var bench = new NetcatBench();
        bench.Run("""
            ip netns exec b nc -lk 9301 > /dev/null &
            ip netns exec a nc -p 40000 10.0.0.2 9301 < /dev/null &
            """);
        var second = bench.One("ip netns exec a nc -p 40000 10.0.0.2 9301 < /dev/null");
        Assert.That(second.ExitStatus, Is.EqualTo(1));
        Assert.That(second.Lines(), Is.EqualTo(new[] { "nc: bind failed: Address already in use" }));
    }

    [Test]
    public void Two_listeners_share_a_port_thanks_to_so_reuseport()
    {
        var bench = new NetcatBench();
        bench.Run("ip netns exec b nc -l 9102 > /dev/null &");
        var second = bench.One("timeout 2 ip netns exec b nc -l 9102 < /dev/null");
        Assert.That(second.ExitStatus, Is.EqualTo(124), "the second one binds and waits too");
        Assert.That(second.Lines(), Is.Empty);
    }

    [Test]
    public void Port_check_names_well_known_services_unless_n()
    {
        var bench = new NetcatBench();
        bench.Run("ip netns exec b nc -lk 80 > /dev/null &");
        Assert.That(bench.One("ip netns exec a nc -zv 10.0.0.2 80").Lines(),
            Is.EqualTo(new[] { "Connection to 10.0.0.2 80 port [tcp/http] succeeded!" }));
        Assert.That(bench.One("ip netns exec a nc -zvn 10.0.0.2 80").Lines(),
            Is.EqualTo(new[] { "Connection to 10.0.0.2 80 port [tcp/*] succeeded!" }));
        Assert.That(bench.One("ip netns exec a nc -zv 10.0.0.2 9").Lines(),
            Is.EqualTo(new[] { "nc: connect to 10.0.0.2 port 9 (tcp) failed: Connection refused" }));
    }

    [Test]
    public void Service_names_and_ranges_become_port_numbers()
    {
        var bench = new NetcatBench();
        var http = bench.One("ip netns exec a nc -v 10.0.0.2 http < /dev/null");
        Assert.That(http.Lines(), Is.EqualTo(new[] { "nc: connect to 10.0.0.2 port 80 (tcp) failed: Connection refused" }));
        var range = bench.One("ip netns exec a nc -v 10.0.0.2 9002-9000 < /dev/null");
        Assert.That(range.Lines(), Is.EqualTo(new[]
        {
            "nc: connect to 10.0.0.2 port 9000 (tcp) failed: Connection refused",
            "nc: connect to 10.0.0.2 port 9001 (tcp) failed: Connection refused",
            "nc: connect to 10.0.0.2 port 9002 (tcp) failed: Connection refused",
        }));
        var several = bench.One("ip netns exec a nc -v -n 10.0.0.2 1 2 3 < /dev/null");
        Assert.That(several.Lines(), Has.Length.EqualTo(3));
        Assert.That(several.ExitStatus, Is.EqualTo(1));
    }

    [Test]
    public void Hosts_file_names_show_with_their_address()
    {
        var bench = new NetcatBench();
        bench.Run("""
            mkdir -p /etc/netns/a
            printf '127.0.0.1 localhost\n10.0.0.2 server\n' > /etc/netns/a/hosts
            ip netns exec b nc -lk 9000 > /dev/null &
            """);
        Assert.That(bench.One("ip netns exec a nc -zv server 9000").Lines(),
            Is.EqualTo(new[] { "Connection to server (10.0.0.2) 9000 port [tcp/*] succeeded!" }));
        Assert.That(bench.One("ip netns exec a nc -zv server 9001").Lines(),
            Is.EqualTo(new[] { "nc: connect to server (10.0.0.2) port 9001 (tcp) failed: Connection refused" }));
        Assert.That(bench.One("ip netns exec a nc -zvn server 9000").Lines(),
            Is.EqualTo(new[] { "nc: getaddrinfo for host \"server\" port 9000: Name or service not known" }));
    }

    [Test]
    public void Without_n_a_listener_with_no_nameserver_reports_the_lookup_failure()
    {
        // No resolv.conf: glibc asks 127.0.0.1, where nothing answers (EAI_AGAIN), and netcat says so
        // in place of its lines, then goes on.
        var bench = new NetcatBench();
        var listener = bench.One("ip netns exec b nc -lv 9002 &");
        Assert.That(listener.Lines(), Is.EqualTo(new[] { "nc: getnameinfo: Temporary failure in name resolution" }));
        var client = bench.One("echo hi | ip netns exec a nc -N 10.0.0.2 9002");
        Assert.That(client.Lines(), Is.EqualTo(new[] { "nc: getnameinfo: Temporary failure in name resolution", "hi" }));
    }

    [Test]
    public void A_neighbour_that_never_answers_is_no_route_to_host_after_three_seconds()
    {
        var bench = new NetcatBench();
        long start = bench.Now;
        var client = bench.One("ip netns exec a nc -v 10.0.0.77 9000 < /dev/null");
        Assert.That(client.Lines(), Is.EqualTo(new[] { "nc: connect to 10.0.0.77 port 9000 (tcp) failed: No route to host" }));
        Assert.That(client.ExitStatus, Is.EqualTo(1));
        Assert.That(Seconds(bench.Now - start), Is.EqualTo(3).Within(0.1));
    }

    [Test]
    public void A_dropped_syn_times_out_after_the_retries()
    {
        var bench = new NetcatBench();
        bench.One("ip netns exec b iptables -A INPUT -p tcp -j DROP");
        long start = bench.Now;
        var client = bench.One("ip netns exec a nc -v 10.0.0.2 9000 < /dev/null");
        Assert.That(client.Lines(), Is.EqualTo(new[] { "nc: connect to 10.0.0.2 port 9000 (tcp) failed: Connection timed out" }));
        Assert.That(Seconds(bench.Now - start), Is.EqualTo(131).Within(0.1));
    }

    [Test]
    public void No_route_is_reported_at_once()
    {
        var bench = new NetcatBench();
        var client = bench.One("ip netns exec a nc -v 192.168.9.9 9000 < /dev/null");
        Assert.That(client.Lines(), Is.EqualTo(new[] { "nc: connect to 192.168.9.9 port 9000 (tcp) failed: Network is unreachable" }));
    }

    [Test]
    public void Udp_verbose_client_probes_for_three_seconds_and_the_listener_prints_the_probes()
    {
        var bench = new NetcatBench();
        var listener = bench.One("ip netns exec b nc -lu -v -n 9100 &");
        Assert.That(listener.Lines(), Is.EqualTo(new[] { "Bound on 0.0.0.0 9100" }));
        long start = bench.Now;
        var client = bench.One("echo hello-udp | ip netns exec a nc -u -v -n -q 1 10.0.0.2 9100");
        Assert.That(client.ExitStatus, Is.Zero);
        Assert.That(Seconds(bench.Now - start), Is.EqualTo(4).Within(0.01), "3 s of probes, then -q 1");
        var output = string.Join("\n", client.Lines());
        Assert.That(output, Does.Match(@"^Connection received on 10\.0\.0\.1 \d+\n"));
        Assert.That(output.Replace("Connection to 10.0.0.2 9100 port [udp/*] succeeded!\n", ""),
            Does.EndWith("XXXXXhello-udp"), "five probes, then the data, as the real listener printed them");
    }

    [Test]
    public void Udp_client_without_q_waits_for_ever()
    {
        var bench = new NetcatBench();
        bench.Run("ip netns exec b nc -lu 9101 &");
        var client = bench.One("echo hello2 | timeout 3 ip netns exec a nc -u 10.0.0.2 9101");
        Assert.That(client.ExitStatus, Is.EqualTo(124));
        Assert.That(client.Lines(), Is.EqualTo(new[] { "hello2" }));
    }

    [Test]
    public void Timeout_bounds_a_listener_in_the_background()
    {
        // `timeout 2 nc -l ... &`, as seed 004's port test runs it: after two seconds timeout ends
        // the listener, and the job's status is timeout's 124.
        var bench = new NetcatBench();
        bench.Run("timeout 2 ip netns exec b nc -u -l -p 443 &");
        long start = bench.Now;
        var wait = bench.One("wait %1");
        Assert.That(wait.ExitStatus, Is.EqualTo(124));
        Assert.That(Seconds(bench.Now - start), Is.EqualTo(2).Within(0.001));
    }
}
