using System.Runtime.InteropServices;

namespace Simulator.Cli.Attach;

/// <summary>
/// The few libpcap functions the attach needs, bound from the system's libpcap0.8
/// (libpcap.so.0.8). This is the project's only native interop with libpcap.
/// </summary>
internal static class LibPcap
{
    private const string Library = "libpcap.so.0.8";

    /// <summary>PCAP_ERRBUF_SIZE.</summary>
    public const int ErrorBufferSize = 256;

    /// <summary>pcap_direction_t PCAP_D_IN: only frames the interface received, not those it sent.</summary>
    public const int DirectionIn = 1;

    /// <summary>Offsets in struct pcap_pkthdr on LP64: struct timeval ts (16 bytes), caplen, len.</summary>
    public const int CaptureLengthOffset = 16;

    [DllImport(Library, EntryPoint = "pcap_create")]
    public static extern IntPtr Create([MarshalAs(UnmanagedType.LPUTF8Str)] string source, byte[] errorBuffer);

    [DllImport(Library, EntryPoint = "pcap_set_snaplen")]
    public static extern int SetSnapLength(IntPtr handle, int length);

    [DllImport(Library, EntryPoint = "pcap_set_promisc")]
    public static extern int SetPromiscuous(IntPtr handle, int on);

    [DllImport(Library, EntryPoint = "pcap_set_timeout")]
    public static extern int SetTimeout(IntPtr handle, int milliseconds);

    [DllImport(Library, EntryPoint = "pcap_set_immediate_mode")]
    public static extern int SetImmediateMode(IntPtr handle, int on);

    [DllImport(Library, EntryPoint = "pcap_activate")]
    public static extern int Activate(IntPtr handle);

    [DllImport(Library, EntryPoint = "pcap_setdirection")]
    public static extern int SetDirection(IntPtr handle, int direction);

    /// <summary>1: a packet; 0: the timeout passed; -1: error; -2: pcap_breakloop.</summary>
    [DllImport(Library, EntryPoint = "pcap_next_ex")]
    public static extern int NextEx(IntPtr handle, out IntPtr header, out IntPtr data);

    [DllImport(Library, EntryPoint = "pcap_inject")]
    public static extern int Inject(IntPtr handle, byte[] frame, nuint size);

    [DllImport(Library, EntryPoint = "pcap_geterr")]
    private static extern IntPtr GetErrorPointer(IntPtr handle);

    [DllImport(Library, EntryPoint = "pcap_statustostr")]
    private static extern IntPtr StatusToStringPointer(int status);

    [DllImport(Library, EntryPoint = "pcap_close")]
    public static extern void Close(IntPtr handle);

    public static string GetError(IntPtr handle) => Marshal.PtrToStringUTF8(GetErrorPointer(handle)) ?? "unknown error";

    public static string StatusToString(int status) => Marshal.PtrToStringUTF8(StatusToStringPointer(status)) ?? $"status {status}";

    public static string ErrorText(byte[] buffer)
    {
        int end = Array.IndexOf(buffer, (byte)0);
        return System.Text.Encoding.UTF8.GetString(buffer, 0, end < 0 ? buffer.Length : end);
    }
}
