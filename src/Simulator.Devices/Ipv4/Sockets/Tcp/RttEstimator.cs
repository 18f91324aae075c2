using Simulator.Core.Engine;

namespace Simulator.Devices.Ipv4.Sockets.Tcp;

/// <summary>
/// The retransmission timeout from measured round trips (RFC 6298 as tcp_rtt_estimator and
/// __tcp_set_rto do): smoothed RTT plus four deviations, the deviation term never below
/// tcp_rto_min (200 ms), the whole at most TCP_RTO_MAX (120 s). Until a sample comes, the
/// timeout is TCP_TIMEOUT_INIT (1 s).
/// </summary>
internal sealed class RttEstimator
{
    public const long InitialRto = Simulation.Second;
    public const long MinRto = 200 * Simulation.Millisecond;
    public const long MaxRto = 120 * Simulation.Second;

    private long _srtt;
    private long _rttvar;
    private bool _measured;

    /// <summary>icsk_rto before any backoff.</summary>
    public long Rto { get; private set; } = InitialRto;

    public bool HasSample => _measured;

    public void Sample(long rtt)
    {
        if (rtt < 0) return;
        if (!_measured)
        {
            _srtt = rtt;
            _rttvar = rtt / 2;
            _measured = true;
        }
        else
        {
            long error = rtt - _srtt;
            _srtt += error / 8;
            _rttvar += (Math.Abs(error) - _rttvar) / 4;
        }
        Rto = Math.Min(_srtt + Math.Max(4 * _rttvar, MinRto), MaxRto);
    }
}
