using System.Text;

namespace Simulator.Cli.Shell;

public enum OutputStream
{
    Stdout,
    Stderr,
}

/// <summary>One write to the terminal, in the order it happened.</summary>
public readonly record struct OutputChunk(OutputStream Stream, string Text);

/// <summary>
/// Where the script's terminal output goes. Writes arrive in the order the commands made them,
/// stdout and stderr interleaved, so a sink can print a faithful transcript.
/// </summary>
public interface IShellOutput
{
    void Write(OutputStream stream, string text);
}

/// <summary>Keeps every write; the default sink, and the one tests read.</summary>
public sealed class TranscriptOutput : IShellOutput
{
    private readonly List<OutputChunk> _chunks = [];

    public IReadOnlyList<OutputChunk> Chunks => _chunks;

    /// <summary>Both streams, interleaved as written.</summary>
    public string Text => Concat(null);

    public string Stdout => Concat(OutputStream.Stdout);

    public string Stderr => Concat(OutputStream.Stderr);

    public void Write(OutputStream stream, string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        // Merge consecutive writes to the same stream so chunks read as lines, not characters.
        if (_chunks.Count > 0 && _chunks[^1].Stream == stream)
        {
            _chunks[^1] = new OutputChunk(stream, _chunks[^1].Text + text);
        }
        else
        {
            _chunks.Add(new OutputChunk(stream, text));
        }
    }

    public void Clear() => _chunks.Clear();

    private string Concat(OutputStream? only)
    {
        var sb = new StringBuilder();
        foreach (OutputChunk chunk in _chunks)
        {
            if (only is null || chunk.Stream == only)
            {
                sb.Append(chunk.Text);
            }
        }

        return sb.ToString();
    }
}

/// <summary>Forwards to two writers, e.g. <see cref="Console.Out"/> and <see cref="Console.Error"/>.</summary>
public sealed class WriterShellOutput(TextWriter stdout, TextWriter stderr) : IShellOutput
{
    public void Write(OutputStream stream, string text)
    {
        TextWriter writer = stream == OutputStream.Stdout ? stdout : stderr;
        writer.Write(text);
        writer.Flush();
    }
}
