namespace Simulator.Cli.Commands.Resolver;

/// <summary>getaddrinfo's error codes (EAI_*) for the outcomes a stub resolver can have.</summary>
public enum GaiError
{
    None = 0,
    /// <summary>EAI_NONAME: the name does not exist (NXDOMAIN everywhere it was tried).</summary>
    NoName = -2,
    /// <summary>EAI_AGAIN: no server gave an answer (timeouts, refusals, server failures).</summary>
    Again = -3,
    /// <summary>EAI_FAIL.</summary>
    Fail = -4,
    /// <summary>EAI_NODATA: the name exists but has no address.</summary>
    NoData = -5,
    /// <summary>EAI_ADDRFAMILY: the name has addresses, none of the family asked for.</summary>
    AddressFamily = -9,
}

public static class GaiErrorText
{
    /// <summary>gai_strerror's text, which ping prints after the name.</summary>
    public static string Message(this GaiError error) => error switch
    {
        GaiError.None => "Success",
        GaiError.NoName => "Name or service not known",
        GaiError.Again => "Temporary failure in name resolution",
        GaiError.Fail => "Non-recoverable failure in name resolution",
        GaiError.NoData => "No address associated with hostname",
        GaiError.AddressFamily => "Address family for hostname not supported",
        _ => "Unknown error",
    };
}
