namespace Simulator.Devices;

/// <summary>The errno values the modelled kernel returns, with glibc's strerror text.</summary>
public enum Errno
{
    EPERM = 1,
    ENOENT = 2,
    ESRCH = 3,
    ENXIO = 6,
    EBUSY = 16,
    EEXIST = 17,
    ENODEV = 19,
    EINVAL = 22,
    ERANGE = 34,
    ELOOP = 40,
    EXFULL = 54,
    ENOTSUP = 95,
    EADDRINUSE = 98,
    EADDRNOTAVAIL = 99,
    ENETDOWN = 100,
    ENETUNREACH = 101,
    ECONNREFUSED = 111,
    ETIMEDOUT = 110,
    ECONNRESET = 104,
    EPIPE = 32,
    ENOTCONN = 107,
    EISCONN = 106,
    EALREADY = 114,
    EINPROGRESS = 115,
    EAGAIN = 11,
    EHOSTDOWN = 112,
    ENOPROTOOPT = 92,
    ENONET = 64,
    EPROTO = 71,
    EHOSTUNREACH = 113,
    EACCES = 13,
    EMSGSIZE = 90,
    ENOBUFS = 105,
}

public static class ErrnoText
{
    public static string Message(this Errno errno) => errno switch
    {
        Errno.EPERM => "Operation not permitted",
        Errno.ENOENT => "No such file or directory",
        Errno.ESRCH => "No such process",
        Errno.ENXIO => "No such device or address",
        Errno.EBUSY => "Device or resource busy",
        Errno.EEXIST => "File exists",
        Errno.ENODEV => "No such device",
        Errno.EINVAL => "Invalid argument",
        Errno.ERANGE => "Numerical result out of range",
        Errno.ELOOP => "Too many levels of symbolic links",
        Errno.EXFULL => "Exchange full",
        Errno.ENOTSUP => "Operation not supported",
        Errno.EADDRINUSE => "Address already in use",
        Errno.EADDRNOTAVAIL => "Cannot assign requested address",
        Errno.ENETDOWN => "Network is down",
        Errno.ENETUNREACH => "Network is unreachable",
        Errno.ECONNREFUSED => "Connection refused",
        Errno.ETIMEDOUT => "Connection timed out",
        Errno.ECONNRESET => "Connection reset by peer",
        Errno.EPIPE => "Broken pipe",
        Errno.ENOTCONN => "Transport endpoint is not connected",
        Errno.EISCONN => "Transport endpoint is already connected",
        Errno.EALREADY => "Operation already in progress",
        Errno.EINPROGRESS => "Operation now in progress",
        Errno.EAGAIN => "Resource temporarily unavailable",
        Errno.EHOSTDOWN => "Host is down",
        Errno.ENOPROTOOPT => "Protocol not available",
        Errno.ENONET => "Machine is not on the network",
        Errno.EPROTO => "Protocol error",
        Errno.EHOSTUNREACH => "No route to host",
        Errno.EACCES => "Permission denied",
        Errno.EMSGSIZE => "Message too long",
        Errno.ENOBUFS => "No buffer space available",
        _ => errno.ToString(),
    };
}

/// <summary>
/// A failed netlink request: the errno, and the extended-ack text the kernel attached, if any.
/// iproute2 prints <c>Error: TEXT.</c> when there is a text, else <c>RTNETLINK answers: STRERROR</c>.
/// </summary>
public sealed record NetlinkError(Errno Errno, string? ExtAck = null)
{
    public override string ToString() => ExtAck != null ? $"Error: {ExtAck}." : $"RTNETLINK answers: {Errno.Message()}";
}
