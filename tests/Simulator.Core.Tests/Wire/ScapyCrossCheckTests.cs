namespace Simulator.Core.Tests.Wire;

/// <summary>Our Emit against scapy's build of the same packets, byte for byte.</summary>
public class ScapyCrossCheckTests
{
    [Test]
    public void Every_sample_frame_matches_scapy()
    {
        var python = ExternalTool.FindPythonWithScapy();
        if (python is null)
        {
            Assert.Ignore("scapy is not installed (Debian package python3-scapy); the cross-check needs it");
            return;
        }
        var (exitCode, output, error) = ExternalTool.Run(python, ["-"], SampleFrames.ScapyScript);
        Assert.That(exitCode, Is.EqualTo(0), error);

        var scapy = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('|'))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1].Trim());
        var ours = SampleFrames.All();
        Assert.That(scapy.Keys, Is.EquivalentTo(ours.Select(frame => frame.Name)));
        Assert.Multiple(() =>
        {
            foreach (var (name, frame) in ours)
                Assert.That(Hex.Format(frame), Is.EqualTo(scapy[name]), name);
        });
    }
}
