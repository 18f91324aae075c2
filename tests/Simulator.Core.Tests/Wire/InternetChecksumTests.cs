using Simulator.Core.Addressing;
using Simulator.Core.Wire;

namespace Simulator.Core.Tests.Wire;

public class InternetChecksumTests
{
    [Test]
    public void Sum_matches_the_worked_example_of_RFC_1071()
    {
        // RFC 1071 section 3: the words 0001 f203 f4f5 f6f7 sum to 2ddf0, folded ddf2.
        byte[] data = [0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7];
        Assert.That(InternetChecksum.Sum(data), Is.EqualTo(0xddf2));
        Assert.That(InternetChecksum.Compute(data), Is.EqualTo(0x220d));
    }

    [Test]
    public void An_odd_last_byte_is_padded_with_zero()
    {
        Assert.That(InternetChecksum.Sum([0x12, 0x34, 0x56]), Is.EqualTo(0x1234 + 0x5600));
        Assert.That(InternetChecksum.Sum([0xab]), Is.EqualTo(0xab00));
        Assert.That(InternetChecksum.Sum([]), Is.EqualTo(0));
    }

    [Test]
    public void Data_with_its_checksum_in_place_is_valid()
    {
        byte[] data = [0x45, 0x00, 0x00, 0x1c, 0x12, 0x34, 0x00, 0x00];
        ushort checksum = InternetChecksum.Compute(data);
        data[6] = (byte)(checksum >> 8);
        data[7] = (byte)checksum;
        Assert.That(InternetChecksum.IsValid(data), Is.True);
        data[0] ^= 1;
        Assert.That(InternetChecksum.IsValid(data), Is.False);
    }

    [Test]
    public void Pseudo_header_sum_adds_addresses_protocol_and_length()
    {
        var source = Ipv4Address.Parse("192.168.1.10");
        var destination = Ipv4Address.Parse("192.168.1.1");
        byte[] pseudo = [192, 168, 1, 10, 192, 168, 1, 1, 0, 17, 0x01, 0x02];
        Assert.That(InternetChecksum.PseudoHeaderSum(source, destination, IpProtocol.Udp, 0x0102),
            Is.EqualTo(InternetChecksum.Sum(pseudo)));
    }

    [Test]
    public void Incremental_update_equals_recomputation_for_many_edits()
    {
        // RFC 1624 section 4's concern: the update must agree with a full recomputation, including
        // edits that take the sum across 0xFFFF.
        var random = new Random(1624);
        var data = new byte[20];
        for (int round = 0; round < 10_000; round++)
        {
            random.NextBytes(data);
            ushort checksum = InternetChecksum.Compute(data);
            int word = random.Next(10) * 2;
            ushort oldValue = (ushort)(data[word] << 8 | data[word + 1]);
            ushort newValue = (ushort)random.Next(0x10000);
            data[word] = (byte)(newValue >> 8);
            data[word + 1] = (byte)newValue;
            var updated = InternetChecksum.Update(checksum, oldValue, newValue);
            Assert.That(updated, Is.EqualTo(InternetChecksum.Compute(data)), $"round {round}");
        }
    }

    [Test]
    public void Address_update_equals_recomputation()
    {
        var random = new Random(3022);
        var data = new byte[12];
        for (int round = 0; round < 10_000; round++)
        {
            random.NextBytes(data);
            data[0] |= 0x40; // never an all-zero sum, whose complement has two forms
            ushort checksum = InternetChecksum.Compute(data);
            var oldAddress = Ipv4Address.Read(data.AsSpan(4));
            var newAddress = new Ipv4Address((uint)random.NextInt64(0x1_0000_0000));
            newAddress.Write(data.AsSpan(4));
            Assert.That(InternetChecksum.Update(checksum, oldAddress, newAddress),
                Is.EqualTo(InternetChecksum.Compute(data)), $"round {round}");
        }
    }
}
