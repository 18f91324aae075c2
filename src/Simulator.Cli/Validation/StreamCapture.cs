using System.Net.Sockets;
using System.Text;
using Simulator.Cli.Shell;

namespace Simulator.Cli.Validation;

/// <summary>
/// What a real program writes to its standard output and standard error, in the order it wrote
/// it, each write with the stream it went to.
/// </summary>
/// <remarks>
/// ping interleaves its streams (a <c>From … icmp_seq=1</c> line on stdout, then
/// <c>ping: sendmsg: Operation not permitted</c> on stderr, then the next reply…), and the
/// scenario's expectations read the two as a terminal shows them. The ways to capture a child:
/// <list type="bullet">
/// <item>Two pipes (what .NET offers) lose the order between them. Reading them in one poll loop
/// in the order data becomes readable does not restore it: by the time the reader wakes, both
/// may hold data, and which came first is no longer known.</item>
/// <item>One pipe for both keeps the order of the write(2) calls exactly, but no longer says
/// which stream a line came from, and the report marks stderr lines (<c>2&gt; </c>) so that a
/// model writing an error to the wrong stream shows.</item>
/// <item>A pseudo-terminal keeps the order, but programs behave differently on a terminal
/// (isatty: line buffering, colours, progress output), both streams are the same terminal, and
/// the line discipline rewrites what passes (\n to \r\n).</item>
/// </list>
/// Here stdout and stderr are two Unix datagram sockets, each bound to a name of its own and
/// both connected to one receiving socket. A write(2) to either is one datagram, queued on the
/// receiver's single queue at the moment of the call (unix_dgram_sendmsg appends it before
/// returning), so the queue holds the writes in the order the program made them, and each
/// datagram carries its sender's name: the stream. For the program, stdout is a socket
/// rather than a pipe; neither is a terminal (how stdio then buffers is set apart, see
/// <see cref="RealProcess"/>). The limits: a single write larger than the sender's buffer
/// (<see cref="SendBufferBytes"/>, doubled by the kernel) fails with EMSGSIZE where a pipe
/// would take it in parts, and the receiver queues few datagrams (net.unix.max_dgram_qlen)
/// where a pipe holds 64 KiB, so a writer waits for this reader sooner (it reads at once; only a
/// program that made its stdout non-blocking would notice). The tools validated write through
/// stdio, a line or a page at a time.
/// </remarks>
public sealed class StreamCapture : IDisposable
{
    /// <summary>SO_SNDBUF of the two writing sockets; the kernel doubles it, which bounds one datagram.</summary>
    public const int SendBufferBytes = 128 * 1024;

    private static long _next;
    private readonly Socket _receiver;
    private readonly UnixDomainSocketEndPoint _receiverEnd;
    private readonly byte[] _receiverAddress;
    private readonly byte[] _stdoutAddress;
    private readonly byte[] _stderrAddress;
    private readonly OutputChunks _chunks = new();
    private readonly Decoder _stdoutText = Encoding.UTF8.GetDecoder();
    private readonly Decoder _stderrText = Encoding.UTF8.GetDecoder();
    private readonly Thread _reader;
    private Socket? _stdout;
    private Socket? _stderr;
    private bool _ended;

    public StreamCapture()
    {
        // Abstract names (a leading NUL): nothing on disk, gone with the sockets.
        var name = $"\0netsim-validate-{Environment.ProcessId}-{Interlocked.Increment(ref _next)}-{Guid.NewGuid():N}";
        var receiverEnd = _receiverEnd = new UnixDomainSocketEndPoint(name + "-r");
        var stdoutEnd = new UnixDomainSocketEndPoint(name + "-1");
        var stderrEnd = new UnixDomainSocketEndPoint(name + "-2");
        _receiver = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        _receiver.Bind(receiverEnd);
        _stdout = Writer(stdoutEnd, receiverEnd);
        _stderr = Writer(stderrEnd, receiverEnd);
        _receiverAddress = Bytes(receiverEnd);
        _stdoutAddress = Bytes(stdoutEnd);
        _stderrAddress = Bytes(stderrEnd);
        _reader = new Thread(Read) { IsBackground = true, Name = "netsim validate capture" };
        _reader.Start();
    }

    /// <summary>The descriptor the child gets as its stdout (until <see cref="ReleaseWriters"/>).</summary>
    public int StdoutDescriptor => (int)_stdout!.Handle;

    /// <summary>The descriptor the child gets as its stderr.</summary>
    public int StderrDescriptor => (int)_stderr!.Handle;

    /// <summary>Lets the next child started inherit the two writing sockets.</summary>
    public void LendWriters()
    {
        NativeCalls.SetInheritable(StdoutDescriptor, true);
        NativeCalls.SetInheritable(StderrDescriptor, true);
    }

    /// <summary>The child has its copies (or failed to start): this process closes its own.</summary>
    public void ReleaseWriters()
    {
        _stdout?.Dispose();
        _stderr?.Dispose();
        _stdout = _stderr = null;
    }

    /// <summary>What was received so far.</summary>
    public IReadOnlyList<OutputChunk> Snapshot()
    {
        lock (_chunks) return _chunks.ToList();
    }

    /// <summary>
    /// Everything the program wrote. Call once the program has exited: every write it made is then
    /// on the queue, ahead of the end mark this sends to itself.
    /// </summary>
    public IReadOnlyList<OutputChunk> End()
    {
        if (!_ended)
        {
            _ended = true;
            _receiver.SendTo([], _receiverEnd);
            _reader.Join();
        }
        return Snapshot();
    }

    public void Dispose()
    {
        ReleaseWriters();
        if (!_ended)
        {
            _ended = true;
            try
            {
                _receiver.SendTo([], _receiverEnd);
                _reader.Join(TimeSpan.FromSeconds(5));
            }
            catch (SocketException)
            {
            }
        }
        _receiver.Dispose();
    }

    private static Socket Writer(UnixDomainSocketEndPoint own, UnixDomainSocketEndPoint receiver)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(own);
        socket.SendBufferSize = SendBufferBytes;
        socket.Connect(receiver);
        return socket;
    }

    /// <summary>struct sockaddr_un as the kernel reports a sender: family, then the name.</summary>
    private static byte[] Bytes(UnixDomainSocketEndPoint endPoint)
    {
        var address = endPoint.Serialize();
        var bytes = new byte[address.Size];
        for (int i = 0; i < bytes.Length; i++) bytes[i] = address[i];
        return bytes;
    }

    private void Read()
    {
        // Larger than any datagram the writers can send (their doubled send buffer).
        var buffer = new byte[4 * SendBufferBytes];
        while (true)
        {
            int length;
            System.Net.EndPoint from = _receiverEnd;
            try
            {
                length = _receiver.ReceiveFrom(buffer, ref from);
            }
            catch (SocketException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            var sender = from is UnixDomainSocketEndPoint unix ? Bytes(unix) : [];
            if (sender.AsSpan().SequenceEqual(_receiverAddress)) return;
            if (sender.AsSpan().SequenceEqual(_stdoutAddress)) Append(OutputStream.Stdout, _stdoutText, buffer.AsSpan(0, length));
            else if (sender.AsSpan().SequenceEqual(_stderrAddress)) Append(OutputStream.Stderr, _stderrText, buffer.AsSpan(0, length));
            // Anything else is not the program's: ignored.
        }
    }

    private void Append(OutputStream stream, Decoder decoder, ReadOnlySpan<byte> bytes)
    {
        var chars = new char[decoder.GetCharCount(bytes, flush: false)];
        int count = decoder.GetChars(bytes, chars, flush: false);
        if (count == 0) return;
        lock (_chunks) _chunks.Append(stream, new string(chars, 0, count));
    }
}
