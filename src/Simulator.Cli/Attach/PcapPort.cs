using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Simulator.Cli.Attach;

/// <summary>
/// A real interface opened through libpcap, with two handles: one captures what the interface
/// receives (direction in only, so the frames NetSim injects are not seen coming back) on a
/// thread of its own and queues it for the engine thread; the other injects frames.
/// </summary>
public sealed class PcapPort : IDisposable
{
    /// <summary>How long a capture read waits before it checks whether the port is closing.</summary>
    private const int ReadTimeoutMs = 20;

    private readonly IntPtr _capture;
    private readonly IntPtr _inject;
    private readonly Thread _reader;
    private volatile bool _closing;
    private int _disposed;

    private PcapPort(string device, IntPtr capture, IntPtr inject)
    {
        Device = device;
        _capture = capture;
        _inject = inject;
        _reader = new Thread(ReadLoop) { IsBackground = true, Name = $"pcap {device}" };
        _reader.Start();
    }

    public string Device { get; }

    /// <summary>Frames received on the interface, oldest first; drained by the engine thread.</summary>
    public ConcurrentQueue<byte[]> Received { get; } = new();

    /// <summary>Signalled when a frame is queued.</summary>
    public AutoResetEvent Arrived { get; } = new(false);

    /// <summary>Why capture stopped, if it failed.</summary>
    public string? CaptureError { get; private set; }

    public long Injected { get; private set; }
    public long InjectErrors { get; private set; }
    public string? LastInjectError { get; private set; }

    /// <summary>Opens <paramref name="device"/>; null with <paramref name="error"/> set (libpcap's words) when it cannot.</summary>
    public static PcapPort? Open(string device, out string? error)
    {
        IntPtr capture, inject = IntPtr.Zero;
        try
        {
            capture = OpenHandle(device, capturing: true, out error);
            if (capture == IntPtr.Zero) return null;
            inject = OpenHandle(device, capturing: false, out error);
            if (inject == IntPtr.Zero)
            {
                LibPcap.Close(capture);
                return null;
            }
        }
        catch (DllNotFoundException e)
        {
            error = $"libpcap is not installed (libpcap0.8): {e.Message}";
            return null;
        }
        return new PcapPort(device, capture, inject);
    }

    private static IntPtr OpenHandle(string device, bool capturing, out string? error)
    {
        var buffer = new byte[LibPcap.ErrorBufferSize];
        var handle = LibPcap.Create(device, buffer);
        if (handle == IntPtr.Zero)
        {
            error = LibPcap.ErrorText(buffer);
            return IntPtr.Zero;
        }
        LibPcap.SetSnapLength(handle, 65535);
        // Promiscuous: frames for the simulated device's MAC are not the real interface's own.
        LibPcap.SetPromiscuous(handle, capturing ? 1 : 0);
        LibPcap.SetTimeout(handle, ReadTimeoutMs);
        LibPcap.SetImmediateMode(handle, 1);
        int status = LibPcap.Activate(handle);
        if (status < 0)
        {
            var detail = LibPcap.GetError(handle);
            error = detail.Length > 0 ? detail : LibPcap.StatusToString(status);
            LibPcap.Close(handle);
            return IntPtr.Zero;
        }
        if (capturing && LibPcap.SetDirection(handle, LibPcap.DirectionIn) != 0)
        {
            error = $"{device}: cannot capture incoming frames only: {LibPcap.GetError(handle)}";
            LibPcap.Close(handle);
            return IntPtr.Zero;
        }
        error = null;
        return handle;
    }

    private void ReadLoop()
    {
        while (!_closing)
        {
            int status = LibPcap.NextEx(_capture, out var header, out var data);
            if (status == 1)
            {
                int length = Marshal.ReadInt32(header, LibPcap.CaptureLengthOffset);
                var frame = new byte[length];
                Marshal.Copy(data, frame, 0, length);
                Received.Enqueue(frame);
                Arrived.Set();
            }
            else if (status < 0)
            {
                if (!_closing) CaptureError = LibPcap.GetError(_capture);
                return;
            }
        }
    }

    /// <summary>Puts a frame on the wire (engine thread).</summary>
    public void Send(ReadOnlySpan<byte> frame)
    {
        if (_closing) return;
        var bytes = frame.ToArray();
        if (LibPcap.Inject(_inject, bytes, (nuint)bytes.Length) < 0)
        {
            InjectErrors++;
            LastInjectError = LibPcap.GetError(_inject);
        }
        else
        {
            Injected++;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _closing = true;
        _reader.Join(TimeSpan.FromSeconds(2));
        LibPcap.Close(_capture);
        LibPcap.Close(_inject);
        Arrived.Dispose();
    }
}
