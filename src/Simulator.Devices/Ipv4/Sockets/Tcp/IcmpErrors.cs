namespace Simulator.Devices.Ipv4.Sockets.Tcp;

/// <summary>
/// icmp_err_convert (net/ipv4/icmp.c): the errno a destination-unreachable code means to a
/// socket, and whether the error is fatal (a hard error) or may be transient.
/// </summary>
internal static class IcmpErrors
{
    public static bool TryConvert(byte code, out Errno error, out bool fatal)
    {
        (error, fatal) = code switch
        {
            0 => (Errno.ENETUNREACH, false),   // net unreachable
            1 => (Errno.EHOSTUNREACH, false),  // host unreachable
            2 => (Errno.ENOPROTOOPT, true),    // protocol unreachable
            3 => (Errno.ECONNREFUSED, true),   // port unreachable
            4 => (Errno.EMSGSIZE, false),      // fragmentation needed
            5 => (Errno.ENOTSUP, false),       // source route failed (EOPNOTSUPP)
            6 => (Errno.ENETUNREACH, true),    // destination network unknown
            7 => (Errno.EHOSTDOWN, true),      // destination host unknown
            8 => (Errno.ENONET, true),         // source host isolated
            9 => (Errno.ENETUNREACH, true),    // network administratively prohibited
            10 => (Errno.EHOSTUNREACH, true),  // host administratively prohibited
            11 => (Errno.ENETUNREACH, false),  // network unreachable for TOS
            12 => (Errno.EHOSTUNREACH, false), // host unreachable for TOS
            13 => (Errno.EHOSTUNREACH, true),  // communication administratively prohibited
            14 => (Errno.EHOSTUNREACH, true),  // host precedence violation
            15 => (Errno.EHOSTUNREACH, true),  // precedence cutoff in effect
            _ => ((Errno)0, false),
        };
        return code <= 15;
    }
}
