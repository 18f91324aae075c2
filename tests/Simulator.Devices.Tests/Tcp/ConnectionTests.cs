using System.Text;
using Simulator.Core.Engine;
using Simulator.Core.Wire;
using Simulator.Devices.Ipv4.Sockets.Tcp;

namespace Simulator.Devices.Tests.Tcp;

/// <summary>
/// A connection's life on the wire: the handshake, data, the FIN exchange and TIME_WAIT. The
/// expected segments are those of a capture of netcat-openbsd on Linux 6.18 between two network
/// namespaces over a veth pair (tcpdump -nn -vv), with sequence numbers relative as tcpdump shows them:
/// <code>
/// 10.0.0.1.59030 > 10.0.0.2.9000: Flags [S], seq 1791992107, win 64240, options [mss 1460,sackOK,TS val 3699476143 ecr 0,nop,wscale 10], length 0
/// 10.0.0.2.9000 > 10.0.0.1.59030: Flags [S.], seq 3070593346, ack 1791992108, win 65160, options [mss 1460,sackOK,TS val 2543870975 ecr 3699476143,nop,wscale 10], length 0
/// 10.0.0.1.59030 > 10.0.0.2.9000: Flags [.], ack 1, win 63, options [nop,nop,TS val 3699476143 ecr 2543870975], length 0
/// 10.0.0.1.59030 > 10.0.0.2.9000: Flags [P.], seq 1:7, ack 1, win 63, options [nop,nop,TS val 3699476143 ecr 2543870975], length 6
/// 10.0.0.2.9000 > 10.0.0.1.59030: Flags [.], ack 7, win 64, options [nop,nop,TS val 2543870975 ecr 3699476143], length 0
/// 10.0.0.1.59030 > 10.0.0.2.9000: Flags [F.], seq 7, ack 1, win 63, options [nop,nop,TS val 3700083339 ecr 2543870975], length 0
/// 10.0.0.2.9000 > 10.0.0.1.59030: Flags [F.], seq 1, ack 8, win 64, options [nop,nop,TS val 2544478171 ecr 3700083339], length 0
/// 10.0.0.1.59030 > 10.0.0.2.9000: Flags [.], ack 2, win 63, options [nop,nop,TS val 3700083339 ecr 2544478171], length 0
/// </code>
/// </summary>
public class ConnectionTests
{
    /// <summary>A little more than TCP_ATO_MIN (40 ms), the delayed-ACK timer.</summary>
    private const long DelayedAckWait = 41 * Simulation.Millisecond;

    [Test]
    public void Syn_carries_linux_options_in_linux_order()
    {
        var bench = new TcpBench();
        bench.Listen(9000);
        bench.Connect(TcpBench.ServerAddress, 9000);
        bench.Run(Simulation.Millisecond);

        var syn = bench.Wire.Segments[0];
        var synAck = bench.Wire.Segments[1];
        var ack = bench.Wire.Segments[2];
        Assert.Multiple(() =>
        {
            Assert.That(syn.FlagText, Is.EqualTo("S"));
            Assert.That(syn.Window, Is.EqualTo(64240));
            // mss 1460 | sackOK, TS (kind 8, len 10) | nop, wscale 10
            Assert.That(syn.Options[..4], Is.EqualTo(new byte[] { 2, 4, 0x05, 0xb4 }));
            Assert.That(syn.Options[4..8], Is.EqualTo(new byte[] { 4, 2, 8, 10 }));
            Assert.That(syn.Options[12..16], Is.EqualTo(new byte[] { 0, 0, 0, 0 }), "TS ecr 0");
            Assert.That(syn.Options[16..], Is.EqualTo(new byte[] { 1, 3, 3, 10 }));
            Assert.That(syn.DontFragment, Is.True);
            Assert.That(syn.SourcePort % 2, Is.Zero, "connect() takes even ports first");

            Assert.That(synAck.FlagText, Is.EqualTo("S."));
            Assert.That(synAck.Ack, Is.EqualTo(syn.Seq + 1));
            Assert.That(synAck.Window, Is.EqualTo(65160));
            Assert.That(synAck.Options[..8], Is.EqualTo(new byte[] { 2, 4, 0x05, 0xb4, 4, 2, 8, 10 }));
            Assert.That(synAck.Options[12..16], Is.EqualTo(syn.Options[8..12]), "SYN-ACK echoes the SYN's TS val");
            Assert.That(synAck.Options[16..], Is.EqualTo(new byte[] { 1, 3, 3, 10 }));
            Assert.That(synAck.IpId, Is.Zero, "SYN-ACK goes out through ip_build_and_send_pkt");

            Assert.That(ack.FlagText, Is.EqualTo("."));
            Assert.That(ack.Window, Is.EqualTo(63), "64240 rounded up to the scale unit, >> 10");
            Assert.That(ack.Options[..4], Is.EqualTo(new byte[] { 1, 1, 8, 10 }));
            Assert.That(ack.Options.Length, Is.EqualTo(12));
            Assert.That(ack.IpId, Is.EqualTo((ushort)(syn.IpId + 1)), "the socket's identification counts up");
        });
    }

    [Test]
    public void Handshake_establishes_both_ends_and_the_listener_offers_the_connection()
    {
        var bench = new TcpBench();
        var (client, server, listener) = bench.Establish();

        Assert.Multiple(() =>
        {
            Assert.That(client.State, Is.EqualTo(TcpState.Established));
            Assert.That(server.State, Is.EqualTo(TcpState.Established));
            Assert.That(listener.State, Is.EqualTo(TcpState.Listen));
            Assert.That(server.RemoteAddress, Is.EqualTo(TcpBench.ClientAddress));
            Assert.That(server.RemotePort, Is.EqualTo(client.LocalPort));
            Assert.That(client.LocalAddress, Is.EqualTo(TcpBench.ClientAddress));
            Assert.That(listener.Accept(), Is.Null, "one connection, accepted once");
        });
    }

    [Test]
    public void Data_goes_both_ways_and_the_first_data_is_acknowledged_at_once()
    {
        var bench = new TcpBench();
        var (client, server, _) = bench.Establish();
        int before = bench.Wire.Segments.Count;

        Assert.That(client.Send("hello\n"u8), Is.Null);
        bench.RunUntil(() => server.BytesAvailable == 6);
        Assert.That(Encoding.ASCII.GetString(server.ReceiveAll()), Is.EqualTo("hello\n"));
        Assert.That(server.Send("world\n"u8), Is.Null);
        bench.RunUntil(() => client.BytesAvailable == 6);
        Assert.That(Encoding.ASCII.GetString(client.ReceiveAll()), Is.EqualTo("world\n"));
        bench.Run(Simulation.Second);

        var after = bench.Wire.Segments.Skip(before).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(after[0].FlagText, Is.EqualTo("P."));
            Assert.That(after[0].Length, Is.EqualTo(6));
            Assert.That(after[1].FlagText, Is.EqualTo("."), "quick-ACK mode: the first data is acknowledged at once");
            Assert.That(after[1].Ack, Is.EqualTo(after[0].Seq + 6));
            Assert.That(after[1].Window, Is.EqualTo(64));
            Assert.That(after[2].FlagText, Is.EqualTo("P."));
            Assert.That(after[2].Length, Is.EqualTo(6));
        });
    }

    [Test]
    public void Writes_larger_than_a_segment_go_in_full_segments_of_1448()
    {
        var bench = new TcpBench();
        var (client, server, _) = bench.Establish();
        int before = bench.Wire.Segments.Count;
        var data = Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray();

        client.Send(data);
        bench.RunUntil(() => server.BytesAvailable == data.Length);

        Assert.That(server.ReceiveAll(), Is.EqualTo(data));
        var sent = bench.Wire.Segments.Skip(before).Where(s => s.Length > 0).ToList();
        Assert.That(sent.Select(s => s.Length), Is.EqualTo(new[] { 1448, 1448, 1448, 656 }));
        Assert.That(sent.Select(s => s.FlagText), Is.EqualTo(new[] { ".", ".", ".", "P." }), "PSH on the segment that ends the write");
    }

    [Test]
    public void Client_closes_first_and_waits_in_time_wait_for_sixty_seconds()
    {
        var bench = new TcpBench();
        var (client, server, _) = bench.Establish();
        client.Send("hello\n"u8);
        bench.RunUntil(() => server.BytesAvailable == 6);
        server.ReceiveAll();
        bench.Run(Simulation.Millisecond);
        int before = bench.Wire.Segments.Count;

        // echo hello | nc -N: shutdown(SHUT_WR) once stdin ends.
        Assert.That(client.Shutdown(TcpShutdown.Send), Is.Null);
        Assert.That(client.State, Is.EqualTo(TcpState.FinWait1));
        bench.RunUntil(() => server.IsEndOfStream);
        Assert.That(server.State, Is.EqualTo(TcpState.CloseWait));
        // The listening nc reads the end of the stream and exits.
        server.Close();
        Assert.That(server.State, Is.EqualTo(TcpState.LastAck));
        bench.RunUntil(() => client.State == TcpState.TimeWait);
        bench.Run(Simulation.Millisecond);
        Assert.That(server.State, Is.EqualTo(TcpState.Close));
        Assert.That(client.IsEndOfStream, Is.True);

        var teardown = bench.Wire.Segments.Skip(before).ToList();
        Assert.That(teardown.Select(s => s.FlagText), Is.EqualTo(new[] { "F.", "F.", "." }),
            "the server's ACK of the FIN waits (ping-pong mode) and rides on its own FIN");
        Assert.That(teardown[1].Ack, Is.EqualTo(teardown[0].Seq + 1));
        Assert.That(teardown[2].Ack, Is.EqualTo(teardown[1].Seq + 1));

        long enteredTimeWait = bench.Now;
        bench.RunUntil(() => client.State == TcpState.Close, 61 * Simulation.Second);
        Assert.That((bench.Now - enteredTimeWait) / (double)Simulation.Second, Is.EqualTo(60).Within(0.01));
        Assert.That(bench.Client.Ipv4.Sockets.Tcp.Sockets, Does.Not.Contain(client));
    }

    [Test]
    public void Server_closes_first_and_the_client_goes_through_close_wait_and_last_ack()
    {
        var bench = new TcpBench();
        var (client, server, _) = bench.Establish();

        server.Close();
        Assert.That(server.State, Is.EqualTo(TcpState.FinWait1));
        bench.RunUntil(() => client.IsEndOfStream);
        Assert.That(server.State, Is.EqualTo(TcpState.FinWait1), "the ACK of a FIN waits for the program (ping-pong mode)");
        bench.Run(DelayedAckWait);
        Assert.Multiple(() =>
        {
            Assert.That(client.State, Is.EqualTo(TcpState.CloseWait));
            Assert.That(server.State, Is.EqualTo(TcpState.FinWait2));
        });
        client.Close();
        bench.RunUntil(() => client.State == TcpState.Close);
        Assert.That(server.State, Is.EqualTo(TcpState.TimeWait));
        Assert.That(bench.Wire.Segments.TakeLast(4).Select(s => s.FlagText), Is.EqualTo(new[] { "F.", ".", "F.", "." }),
            "the client's program closed after the delayed ACK went: its FIN comes separately");
    }

    [Test]
    public void Simultaneous_close_passes_through_closing()
    {
        var bench = new TcpBench();
        var (client, server, _) = bench.Establish();

        client.Close();
        server.Close();
        Assert.That((client.State, server.State), Is.EqualTo((TcpState.FinWait1, TcpState.FinWait1)));
        bench.Run(Simulation.Millisecond);
        Assert.That((client.State, server.State), Is.EqualTo((TcpState.TimeWait, TcpState.TimeWait)));
    }

    [Test]
    public void Closing_with_unread_data_resets_the_connection()
    {
        var bench = new TcpBench();
        var (client, server, _) = bench.Establish();
        client.Send("unread"u8);
        bench.RunUntil(() => server.BytesAvailable == 6);

        server.Close();
        bench.RunUntil(() => client.State == TcpState.Close);

        var reset = bench.Wire.Segments[^1];
        Assert.That(reset.FlagText, Is.EqualTo("R."));
        Assert.That(reset.Options.Length, Is.EqualTo(12), "an active reset carries timestamps like the socket's other segments");
        Assert.That(client.TakeError(), Is.EqualTo(Errno.ECONNRESET));
        Assert.That(client.Send("x"u8), Is.EqualTo(Errno.EPIPE));
    }

    [Test]
    public void Closing_a_listener_resets_connections_nobody_accepted()
    {
        var bench = new TcpBench();
        var listener = bench.Listen(9000);
        var client = bench.Connect(TcpBench.ServerAddress, 9000);
        bench.RunUntil(() => client.State == TcpState.Established && listener.CanAccept);

        listener.Close();
        bench.RunUntil(() => client.State == TcpState.Close);
        Assert.That(client.TakeError(), Is.EqualTo(Errno.ECONNRESET));
        Assert.That(bench.Wire.Segments[^1].FlagText, Is.EqualTo("R."));
    }

    [Test]
    public void Wakeup_comes_for_connection_data_and_end_of_stream()
    {
        var bench = new TcpBench();
        var listener = bench.Listen(9000);
        int listenerWakeups = 0, clientWakeups = 0;
        listener.Wakeup = _ => listenerWakeups++;
        var client = bench.Client.Ipv4.Sockets.OpenTcp();
        client.Wakeup = _ => clientWakeups++;
        client.Connect(TcpBench.ServerAddress, 9000);
        bench.Run(Simulation.Millisecond);
        Assert.That((listenerWakeups, clientWakeups), Is.EqualTo((1, 1)));

        var server = listener.Accept()!;
        server.Send("x"u8);
        server.Close();
        bench.Run(Simulation.Millisecond);
        Assert.That(clientWakeups, Is.GreaterThanOrEqualTo(2));
        Assert.That(client.ReceiveAll(), Is.EqualTo("x"u8.ToArray()));
        Assert.That(client.IsEndOfStream, Is.True);
    }

    [Test]
    public void Two_runs_with_one_seed_put_the_same_bytes_on_the_wire()
    {
        static List<byte[]> Session()
        {
            var bench = new TcpBench(seed: 42);
            var (client, server, _) = bench.Establish();
            client.Send("same\n"u8);
            client.Close();
            bench.RunUntil(() => server.BytesAvailable == 5);
            server.ReceiveAll();
            bench.RunUntil(() => server.IsEndOfStream);
            server.Close();
            bench.Run(Simulation.Second);
            return bench.Wire.Frames.Select(f => f.Frame).ToList();
        }

        Assert.That(Session(), Is.EqualTo(Session()));
    }
}
