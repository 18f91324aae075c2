namespace Simulator.Netfilter.Tables;

/// <summary>The verdict for packets that fall off the end of a built-in chain.</summary>
public enum ChainPolicy
{
    Accept,
    Drop,
}
