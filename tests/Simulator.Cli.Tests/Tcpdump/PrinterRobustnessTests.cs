using FsCheck;
using FsCheck.Fluent;
using Simulator.Cli.Commands.Iptables.NameServices;
using Simulator.Cli.Commands.Tcpdump;
using Simulator.Cli.Commands.Tcpdump.Printing;

namespace Simulator.Cli.Tests.Tcpdump;

/// <summary>
/// Whatever bytes arrive, the printers finish the line — <c>[|proto]</c> where they run out, as
/// tcpdump does — and never throw: a malformed frame must not stop a capture.
/// </summary>
public class PrinterRobustnessTests
{
    private static readonly byte[][] Headers =
    [
        Convert.FromHexString("dae5520f85c07a46d844e7d90800"),
        Convert.FromHexString("dae5520f85c07a46d844e7d90806"),
        Convert.FromHexString("dae5520f85c07a46d844e7d98100000a0800"),
        Convert.FromHexString("0180c20000007a46d844e7d900264242030000"),
    ];

    [Test]
    public void Any_bytes_print_without_an_exception()
    {
        var frames = from header in Gen.Elements(Headers)
                     from protocol in Gen.Elements<byte>(1, 6, 17, 47, 99)
                     from length in Gen.Choose(0, 120)
                     from body in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), length)
                     select Frame(header, protocol, body);
        var options = Gen.Elements(
            new PrintOptions(), new PrintOptions { Verbosity = 2, LinkHeader = true }, new PrintOptions { Numeric = true, Dump = RawDump.HexAndAscii });
        Prop.ForAll(frames.ToArbitrary(), options.ToArbitrary(), (frame, option) =>
        {
            var context = new PrintContext(option, new AddressNames(NameService.CreateDefault(), option.Numeric), _ => null);
            var line = PacketPrinter.Format(new CapturedFrame(0, LinkType.Ethernet, frame, frame.Length), context);
            return line.EndsWith('\n');
        }).QuickCheckThrowOnFailure();
    }

    // An IPv4 header with a plausible start (version 4, IHL 5) half the time, so the transport
    // printers see damaged segments too.
    private static byte[] Frame(byte[] header, byte protocol, byte[] body)
    {
        var frame = header.Concat(body).ToArray();
        if (header[12] == 0x08 && header[13] == 0x00 && body.Length >= 20 && body[0] % 2 == 0)
        {
            frame[header.Length] = 0x45;
            frame[header.Length + 9] = protocol;
            frame[header.Length + 6] = 0;
            frame[header.Length + 7] = 0;
        }
        return frame;
    }
}
