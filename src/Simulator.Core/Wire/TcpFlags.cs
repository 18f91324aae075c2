namespace Simulator.Core.Wire;

/// <summary>
/// The TCP control bits (RFC 9293 section 3.1; ECE and CWR from RFC 3168; AE, formerly NS, from
/// RFC 9768), with the values they have in the 16-bit word after the data offset.
/// </summary>
[Flags]
public enum TcpFlags : ushort
{
    None = 0,
    Fin = 0x001,
    Syn = 0x002,
    Rst = 0x004,
    Psh = 0x008,
    Ack = 0x010,
    Urg = 0x020,
    Ece = 0x040,
    Cwr = 0x080,
    Ae = 0x100,
}
