using System.Text;
using Simulator.Cli.Shell;

namespace Simulator.Cli.Validation;

/// <summary>
/// A command's output as a terminal receives it: writes to stdout and stderr in the order they
/// were made, consecutive writes to one stream joined. Both sides of a comparison are kept this
/// way (the model's by <see cref="ModelStreams"/>, the kernel's by <see cref="StreamCapture"/>).
/// Appending is linear in what is written: a job may write for a long time.
/// </summary>
public sealed class OutputChunks
{
    private readonly List<(OutputStream Stream, StringBuilder Text)> _runs = [];

    /// <summary>Appends a write, joined to the previous one when it went to the same stream.</summary>
    public void Append(OutputStream stream, string text)
    {
        if (text.Length == 0) return;
        if (_runs.Count > 0 && _runs[^1].Stream == stream) _runs[^1].Text.Append(text);
        else _runs.Add((stream, new StringBuilder(text)));
    }

    public void AppendAll(IEnumerable<OutputChunk> chunks)
    {
        foreach (var chunk in chunks) Append(chunk.Stream, chunk.Text);
    }

    /// <summary>The runs of writes, one per change of stream.</summary>
    public IReadOnlyList<OutputChunk> ToList() => _runs.Select(r => new OutputChunk(r.Stream, r.Text.ToString())).ToList();

    /// <summary>Both streams as a terminal shows them; with <paramref name="only"/>, one stream.</summary>
    public static string Text(IEnumerable<OutputChunk> chunks, OutputStream? only = null)
    {
        var sb = new StringBuilder();
        foreach (var chunk in chunks)
            if (only is null || chunk.Stream == only)
                sb.Append(chunk.Text);
        return sb.ToString();
    }
}
