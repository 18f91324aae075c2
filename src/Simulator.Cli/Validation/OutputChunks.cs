using System.Text;
using Simulator.Cli.Shell;

namespace Simulator.Cli.Validation;

/// <summary>
/// A command's output as a terminal receives it: writes to stdout and stderr in the order they
/// were made. Both sides of a comparison are kept this way (the model's by
/// <see cref="ModelStreams"/>, the kernel's by <see cref="StreamCapture"/>).
/// </summary>
public static class OutputChunks
{
    /// <summary>Appends a write, merged with the previous one when it went to the same stream.</summary>
    public static void Append(List<OutputChunk> chunks, OutputStream stream, string text)
    {
        if (text.Length == 0) return;
        if (chunks.Count > 0 && chunks[^1].Stream == stream) chunks[^1] = new OutputChunk(stream, chunks[^1].Text + text);
        else chunks.Add(new OutputChunk(stream, text));
    }

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
