using Simulator.Cli.Scenarios;

namespace Simulator.Cli.Tests.Ping.Support;

internal static class Transcript
{
    /// <summary>
    /// The output, line for line, against patterns in the scenario syntax ({time}, {n}, *): the
    /// patterns are real ping transcripts with the measured times taken out.
    /// </summary>
    public static void Expect(CommandRun run, params string[] patterns)
    {
        var lines = run.Both.EndsWith('\n') ? run.Both[..^1].Split('\n') : run.Both.Split('\n');
        Assert.That(lines, Has.Length.EqualTo(patterns.Length), "line count\n" + run.Both);
        for (int i = 0; i < patterns.Length; i++)
            Assert.That(new LinePattern(patterns[i]).Matches(lines[i]), Is.True,
                $"line {i + 1}: expected \"{patterns[i]}\", got \"{lines[i]}\"\n{run.Both}");
    }
}
