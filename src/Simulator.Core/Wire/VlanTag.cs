namespace Simulator.Core.Wire;

/// <summary>
/// The Tag Control Information of an IEEE 802.1Q tag: priority code point (3 bits), drop eligible
/// indicator (1 bit) and VLAN identifier (12 bits). VLAN 0 means "priority tag only"; 4095 is reserved.
/// </summary>
public readonly record struct VlanTag(ushort VlanId, byte Priority = 0, bool DropEligible = false)
{
    public const ushort MaxVlanId = 0xFFF;
    public const byte MaxPriority = 7;

    public bool IsValid => VlanId <= MaxVlanId && Priority <= MaxPriority;

    /// <summary>The 16-bit TCI as it is on the wire.</summary>
    public ushort Tci => (ushort)(Priority << 13 | (DropEligible ? 1 << 12 : 0) | VlanId);

    public static VlanTag FromTci(ushort tci) =>
        new((ushort)(tci & MaxVlanId), (byte)(tci >> 13), (tci & 0x1000) != 0);
}
