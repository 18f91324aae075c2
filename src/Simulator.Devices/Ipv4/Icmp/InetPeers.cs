using Simulator.Core.Addressing;
using Simulator.Core.Engine;

namespace Simulator.Devices.Ipv4.Icmp;

/// <summary>
/// Long-lived per-remote-address state (net/ipv4/inetpeer.c), here the rate limiters: ICMP
/// errors (icmp_ratelimit), route errors (ip_error) and redirects all draw on one peer's tokens.
/// </summary>
public sealed class InetPeers(Ipv4Stack stack)
{
    private readonly Dictionary<Ipv4Address, InetPeer> _peers = [];

    public InetPeer Get(Ipv4Address address)
    {
        if (!_peers.TryGetValue(address, out var peer))
        {
            peer = new InetPeer(stack, stack.Simulation.Now);
            _peers[address] = peer;
        }
        return peer;
    }
}

public sealed class InetPeer
{
    /// <summary>XRLIM_BURST_FACTOR: up to six errors in a burst.</summary>
    private const long BurstFactor = 6;
    private const long RouteErrorCost = Simulation.Second;
    private const long RouteErrorBurst = 5 * Simulation.Second;
    private const int RedirectNumber = 9;
    private const long RedirectLoad = 20 * Simulation.Millisecond;
    private const long RedirectSilence = RedirectLoad << (RedirectNumber + 1);

    private readonly Ipv4Stack _stack;
    private long _rateTokens;
    private long _rateLast;
    private int _redirects;

    internal InetPeer(Ipv4Stack stack, long now)
    {
        _stack = stack;
        // "60*HZ is arbitrary, but chosen enough high so that the first calculation of tokens is at its maximum."
        _rateLast = now - 60 * Simulation.Second;
    }

    /// <summary>inet_peer_xrlim_allow with net.ipv4.icmp_ratelimit as the timeout.</summary>
    public bool AllowIcmp(long now)
    {
        long timeout = _stack.Settings.IcmpRatelimit * Simulation.Millisecond;
        long token = _rateTokens + (now - _rateLast);
        _rateLast = now;
        if (token > BurstFactor * timeout) token = BurstFactor * timeout;
        bool allowed = false;
        if (token >= timeout)
        {
            token -= timeout;
            allowed = true;
        }
        _rateTokens = token;
        return allowed;
    }

    /// <summary>ip_error's own bucket: one error per second, bursts of five.</summary>
    public bool AllowRouteError(long now)
    {
        _rateTokens += now - _rateLast;
        if (_rateTokens > RouteErrorBurst) _rateTokens = RouteErrorBurst;
        _rateLast = now;
        if (_rateTokens >= RouteErrorCost)
        {
            _rateTokens -= RouteErrorCost;
            return true;
        }
        return false;
    }

    /// <summary>ip_rt_send_redirect's back-off.</summary>
    public bool AllowRedirect(long now)
    {
        if (now > _rateLast + RedirectSilence)
        {
            _rateTokens = 0;
            _redirects = 0;
        }
        if (_redirects >= RedirectNumber)
        {
            _rateLast = now;
            return false;
        }
        if (_redirects == 0 || now > _rateLast + (RedirectLoad << _redirects))
        {
            _rateLast = now;
            _redirects++;
            return true;
        }
        return false;
    }
}
