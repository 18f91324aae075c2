using System.Runtime.InteropServices;

namespace Simulator.Core.Wire;

/// <summary>
/// The views (<see cref="Ipv4Packet"/> and friends) wrap a <see cref="Span{T}"/> so that the
/// forwarding path can rewrite fields in place. <c>TryParse</c> gets a read-only span and reads it
/// through the same view, so that parsing and the getters cannot drift apart; this is the one
/// place that turns the read-only span into a writable one, and the parsers only call getters.
/// </summary>
internal static class ReadOnlyView
{
    public static Span<byte> Of(ReadOnlySpan<byte> bytes) =>
        MemoryMarshal.CreateSpan(ref MemoryMarshal.GetReference(bytes), bytes.Length);
}
