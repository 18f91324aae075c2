using System.Text;
using Simulator.Cli.Shell;

namespace Simulator.Cli.Validation;

/// <summary>
/// The two streams a command runs with in the model: each write goes on to the shell's stream
/// and is kept, in the order written, as <see cref="StreamCapture"/> keeps the kernel's. A
/// background job's streams outlive its command: the job writes through them as the model's time
/// runs in later commands; its writes are announced to the <see cref="KernelTranscript"/> so the
/// transcript knows whose text they are.
/// </summary>
public sealed class ModelStreams
{
    private readonly OutputChunks _chunks = new();
    private readonly KernelTranscript? _transcript;
    private readonly int _job;
    private bool _detached;

    /// <param name="stdout">The shell's stdout for the command.</param>
    /// <param name="stderr">The shell's stderr for the command.</param>
    /// <param name="transcript">For a job: the transcript told of each of its writes.</param>
    /// <param name="job">For a job: its number in the transcript.</param>
    public ModelStreams(TextWriter stdout, TextWriter stderr, KernelTranscript? transcript = null, int job = 0)
    {
        _transcript = transcript;
        _job = job;
        Stdout = new Writer(this, OutputStream.Stdout, stdout);
        Stderr = new Writer(this, OutputStream.Stderr, stderr);
    }

    public TextWriter Stdout { get; }

    public TextWriter Stderr { get; }

    /// <summary>Everything written so far, both streams in order.</summary>
    public IReadOnlyList<OutputChunk> Chunks => _chunks.ToList();

    /// <summary>Characters passed on to the shell's streams (what is written once detached is not).</summary>
    public int Written { get; private set; }

    /// <summary>
    /// From now on writes are kept but no longer reach the shell: the script has ended, and what
    /// a job says as it is ended belongs to the comparison, not to the script's transcript.
    /// </summary>
    public void Detach() => _detached = true;

    /// <summary>A note of the validator's own for the comparison (never shown in the transcript).</summary>
    public void Note(OutputStream stream, string text) => _chunks.Append(stream, text);

    private void Write(OutputStream stream, TextWriter inner, string text)
    {
        if (text.Length == 0) return;
        _chunks.Append(stream, text);
        if (_detached) return;
        Written += text.Length;
        if (_transcript is null)
        {
            inner.Write(text);
            return;
        }
        _transcript.BeginJobWrite(_job);
        try
        {
            inner.Write(text);
        }
        finally
        {
            _transcript.EndJobWrite();
        }
    }

    private sealed class Writer(ModelStreams owner, OutputStream stream, TextWriter inner) : TextWriter
    {
        public override Encoding Encoding => inner.Encoding;

        public override void Write(char value) => owner.Write(stream, inner, value.ToString());

        public override void Write(string? value) => owner.Write(stream, inner, value ?? "");

        public override void Write(char[] buffer, int index, int count) => owner.Write(stream, inner, new string(buffer, index, count));

        public override void Flush() => inner.Flush();
    }
}
