namespace Simulator.Core.Wire;

/// <summary>
/// What a parser does with a checksum it finds. Emitters always write a correct checksum (unless a
/// caller asks for a specific value on purpose), so the mode only concerns receiving, as smoltcp's
/// <c>ChecksumCapabilities</c> or a NIC with rx checksum offload.
/// </summary>
public enum ChecksumMode
{
    /// <summary>A wrong checksum makes the parse fail with the protocol's csum drop reason.</summary>
    Verify,
    /// <summary>The checksum field is read but not checked (e.g. packets from a trusted capture).</summary>
    Ignore,
}
