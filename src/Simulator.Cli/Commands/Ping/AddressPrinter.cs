using Simulator.Cli.Commands.Resolver;
using Simulator.Core.Addressing;

namespace Simulator.Cli.Commands.Ping;

/// <summary>
/// pr_addr (ping/ping.c of iputils 20221126): an address as ping prints it. With names on (a
/// target given by name, no -n) every call asks the resolver for a name, /etc/hosts then a PTR
/// query, and prints "NAME (ADDRESS)", the number standing in for a name it did not find. Once
/// ping is exiting it no longer looks names up.
/// </summary>
internal sealed class AddressPrinter(StubResolver resolver, bool numeric)
{
    public bool Exiting { get; set; }

    public string Format(Ipv4Address address)
    {
        var number = address.ToString();
        if (numeric || Exiting) return number;
        return $"{resolver.LookupAddress(address) ?? number} ({number})";
    }
}
