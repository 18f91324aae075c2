using Simulator.Core.Addressing;
using Simulator.Core.Engine;
using Simulator.Devices.Ipv4.Sockets.Tcp;
using Simulator.Devices.Tests.Support;

namespace Simulator.Devices.Tests.Tcp;

/// <summary>
/// How connections fail: a reset from a closed port, SYNs into a black hole, ICMP errors while
/// connecting, data retransmitted after a timeout. Timings are Linux 6.18's, measured with
/// netcat-openbsd and tcpdump between namespaces: SYNs to a dropped address at 0, 1, 2, 3, 4, 5,
/// 7, 11, 19, 35, 69 s (the kernel's timers drift a little), then "Connection timed out".
/// </summary>
public class FailureTests
{
    private static readonly Ipv4Address BlackHole = Ipv4Address.Parse("10.9.9.9");

    [Test]
    public void Connecting_to_a_closed_port_is_refused_by_a_reset()
    {
        var bench = new TcpBench();
        var client = bench.Connect(TcpBench.ServerAddress, 9001);
        bench.RunUntil(() => client.State == TcpState.Close);

        Assert.That(client.TakeError(), Is.EqualTo(Errno.ECONNREFUSED));
        var (syn, reset) = (bench.Wire.Segments[0], bench.Wire.Segments[1]);
        Assert.Multiple(() =>
        {
            // tcp_v4_send_reset: "Flags [R.], seq 0, ack ISN+1, win 0, length 0", no options.
            Assert.That(reset.FlagText, Is.EqualTo("R."));
            Assert.That(reset.Seq, Is.Zero);
            Assert.That(reset.Ack, Is.EqualTo(syn.Seq + 1));
            Assert.That(reset.Window, Is.Zero);
            Assert.That(reset.Options, Is.Empty);
            Assert.That(reset.IpId, Is.Zero);
        });
    }

    [Test]
    public void Data_for_a_socket_its_program_closed_is_answered_with_a_reset()
    {
        var bench = new TcpBench();
        var (client, server, _) = bench.Establish();
        server.Close();
        bench.Run(Simulation.Second);
        Assert.That((client.State, server.State), Is.EqualTo((TcpState.CloseWait, TcpState.FinWait2)));
        int before = bench.Wire.Segments.Count;

        client.Send("x"u8);
        bench.RunUntil(() => client.State == TcpState.Close);

        var data = bench.Wire.Segments[before];
        var reset = bench.Wire.Segments[before + 1];
        Assert.That(reset.FlagText, Is.EqualTo("R"), "tcp_v4_send_reset for a segment with ACK: RST alone");
        Assert.That(reset.Seq, Is.EqualTo(data.Ack));
        Assert.That(client.TakeError(), Is.EqualTo(Errno.EPIPE), "a reset in CLOSE_WAIT is EPIPE");
        Assert.That(server.State, Is.EqualTo(TcpState.Close));
    }

    private static TcpBench BlackHoleBench()
    {
        // The server namespace routes nothing onward (ip_forward 0): it drops what it is sent for 10.9.9.9.
        var bench = new TcpBench();
        Topology.Route(bench.Client, "10.9.9.9/32", "10.0.0.2");
        return bench;
    }

    [Test]
    public void Syn_to_a_black_hole_is_resent_linearly_then_exponentially_and_times_out_after_131_s()
    {
        var bench = BlackHoleBench();
        var client = bench.Connect(BlackHole, 9000);
        long start = bench.Now;
        bench.RunUntil(() => client.State == TcpState.Close, 200 * Simulation.Second);

        var syns = bench.Wire.Segments.Where(s => s.FlagText == "S").Select(s => (s.Time - start) / (double)Simulation.Second);
        Assert.That(syns, Is.EqualTo(new double[] { 0, 1, 2, 3, 4, 5, 7, 11, 19, 35, 67 }).Within(0.01));
        Assert.That((bench.Now - start) / (double)Simulation.Second, Is.EqualTo(131).Within(0.01));
        Assert.That(client.TakeError(), Is.EqualTo(Errno.ETIMEDOUT));
        Assert.That(bench.Wire.Segments.Select(s => s.Seq).Distinct().Count(), Is.EqualTo(1), "every SYN has the same ISN");
    }

    [Test]
    public void Without_linear_timeouts_six_syn_retries_take_127_s()
    {
        var bench = BlackHoleBench();
        bench.Client.Ipv4.Sockets.Tcp.Settings.SynLinearTimeouts = 0;
        var client = bench.Connect(BlackHole, 9000);
        long start = bench.Now;
        bench.RunUntil(() => client.State == TcpState.Close, 200 * Simulation.Second);

        var syns = bench.Wire.Segments.Where(s => s.FlagText == "S").Select(s => (s.Time - start) / (double)Simulation.Second);
        Assert.That(syns, Is.EqualTo(new double[] { 0, 1, 3, 7, 15, 31, 63 }).Within(0.01));
        Assert.That((bench.Now - start) / (double)Simulation.Second, Is.EqualTo(127).Within(0.01));
    }

    [Test]
    public void A_neighbour_that_never_answers_arp_fails_the_connect_with_no_route_to_host()
    {
        var bench = new TcpBench();
        var client = bench.Connect(Ipv4Address.Parse("10.0.0.77"), 9000);
        long start = bench.Now;
        bench.RunUntil(() => client.State == TcpState.Close);

        // Three ARP probes a second apart, then ipv4_link_failure's host unreachable to ourselves.
        Assert.That(client.TakeError(), Is.EqualTo(Errno.EHOSTUNREACH));
        Assert.That((bench.Now - start) / (double)Simulation.Second, Is.EqualTo(3).Within(0.1));
    }

    [Test]
    public void A_router_without_a_route_answers_net_unreachable_and_the_connect_fails()
    {
        var bench = new TcpBench();
        bench.Server.Ipv4.SetAllForwarding(1);
        Topology.Route(bench.Client, "10.9.9.9/32", "10.0.0.2");
        var client = bench.Connect(BlackHole, 9000);
        bench.RunUntil(() => client.State == TcpState.Close);
        Assert.That(client.TakeError(), Is.EqualTo(Errno.ENETUNREACH));
    }

    [Test]
    public void No_route_fails_connect_at_once()
    {
        var bench = new TcpBench();
        var socket = bench.Client.Ipv4.Sockets.OpenTcp();
        Assert.That(socket.Connect(Ipv4Address.Parse("192.168.9.9"), 9000), Is.EqualTo(Errno.ENETUNREACH));
        Assert.That(bench.Wire.Segments, Is.Empty);
    }

    /// <summary>
    /// The server stops taking packets without the client noticing at the link: it loses its
    /// address (so it drops what comes for 10.0.0.2, not forwarding), while the client keeps a
    /// permanent neighbour entry and so keeps sending.
    /// </summary>
    private static Ipv4InterfaceAddress Blackout(TcpBench bench)
    {
        Assert.That(bench.Client.Ipv4.Arp.Set(bench.ClientDevice, TcpBench.ServerAddress, bench.ServerDevice.Address,
            Devices.Ipv4.Neighbours.NudState.Permanent, replace: true), Is.Null);
        var address = new Ipv4InterfaceAddress(TcpBench.ServerAddress, 24);
        Assert.That(bench.Server.Ipv4.Addresses.Delete(bench.ServerDevice, address), Is.Null);
        return address;
    }

    [Test]
    public void Lost_data_is_resent_after_the_minimum_rto_with_backoff()
    {
        var bench = new TcpBench();
        var (client, server, _) = bench.Establish();
        bench.Run(Simulation.Second);
        var address = Blackout(bench);
        long start = bench.Now;
        client.Send("lost?\n"u8);
        bench.Run(Simulation.Second);
        Assert.That(bench.Server.Ipv4.Addresses.Add(bench.ServerDevice, address, default), Is.Null);
        bench.RunUntil(() => server.BytesAvailable == 6, 5 * Simulation.Second);

        var sends = bench.Wire.Segments.Where(s => s.Length == 6).Select(s => (s.Time - start) / (double)Simulation.Second).ToList();
        // RTO = RTT (20 us) + max(4 x deviation, 200 ms); doubled each time.
        Assert.That(sends, Is.EqualTo(new[] { 0, 0.2, 0.6, 1.4 }).Within(0.002));
        Assert.That(server.ReceiveAll(), Is.EqualTo("lost?\n"u8.ToArray()));
    }

    [Test]
    public void An_established_connection_gives_up_after_tcp_retries2_worth_of_backoff()
    {
        var bench = new TcpBench();
        var (client, _, _) = bench.Establish();
        bench.Run(Simulation.Second);
        Blackout(bench);
        long start = bench.Now;
        client.Send("into the void"u8);
        bench.RunUntil(() => client.State == TcpState.Close, 2000 * Simulation.Second);

        // tcp_model_timeout(15, 200 ms) = 1023 x 0.2 s + 6 x 120 s = 924.6 s.
        Assert.That((bench.Now - start) / (double)Simulation.Second, Is.EqualTo(924.6).Within(1));
        Assert.That(client.TakeError(), Is.EqualTo(Errno.ETIMEDOUT));
        Assert.That(bench.Wire.Segments.Count(s => s.Length > 0), Is.EqualTo(16), "the first send and 15 retransmissions");
    }

    [Test]
    public void Tcp_syn_retries_set_by_sysctl_bounds_the_connect_in_time()
    {
        // Measured with tcp_syn_retries=2: SYNs at 0, 1, 2, 3, 4, 5 s (still linear), then
        // "Connection timed out" at 7 s, the time two exponential resends from 1 s would take.
        var bench = BlackHoleBench();
        Assert.That(bench.Client.Sysctls.Write("net.ipv4.tcp_syn_retries", "2"), Is.Null);
        Assert.That(bench.Client.Sysctls.Write("net.ipv4.tcp_syn_retries", "0"), Is.EqualTo(Errno.EINVAL));
        var client = bench.Connect(BlackHole, 9000);
        long start = bench.Now;
        bench.RunUntil(() => client.State == TcpState.Close, 200 * Simulation.Second);

        var syns = bench.Wire.Segments.Where(s => s.FlagText == "S").Select(s => (s.Time - start) / (double)Simulation.Second);
        Assert.That(syns, Is.EqualTo(new double[] { 0, 1, 2, 3, 4, 5 }).Within(0.01));
        Assert.That((bench.Now - start) / (double)Simulation.Second, Is.EqualTo(7).Within(0.01));
        Assert.That(client.TakeError(), Is.EqualTo(Errno.ETIMEDOUT));
    }

    [Test]
    public void A_refused_socket_may_connect_again()
    {
        var bench = new TcpBench();
        var socket = bench.Connect(TcpBench.ServerAddress, 9000);
        bench.RunUntil(() => socket.State == TcpState.Close);
        Assert.That(socket.TakeError(), Is.EqualTo(Errno.ECONNREFUSED));

        var listener = bench.Listen(9000);
        Assert.That(socket.Connect(TcpBench.ServerAddress, 9000), Is.Null);
        bench.RunUntil(() => socket.State == TcpState.Established && listener.CanAccept);
        Assert.That(socket.Connect(TcpBench.ServerAddress, 9000), Is.EqualTo(Errno.EISCONN));
    }

    [Test]
    public void Data_that_came_before_a_reset_is_read_before_the_error()
    {
        var bench = new TcpBench();
        var (client, server, _) = bench.Establish();
        server.Send("last words"u8);
        bench.RunUntil(() => client.BytesAvailable == 10);
        client.Send("unread by the server"u8);
        bench.RunUntil(() => server.BytesAvailable > 0);
        server.Close();
        bench.RunUntil(() => client.State == TcpState.Close);

        Assert.That(client.IsEndOfStream, Is.False, "the data comes first");
        Assert.That(client.ReceiveAll(), Is.EqualTo("last words"u8.ToArray()));
        Assert.That(client.TakeError(), Is.EqualTo(Errno.ECONNRESET));
        Assert.That(client.IsEndOfStream, Is.True);
    }
}
