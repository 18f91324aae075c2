namespace Simulator.Cli.Shell.Syntax;

/// <summary>A cursor over script text that counts lines.</summary>
internal sealed class SourceReader(string text, int firstLine = 1)
{
    public string Text { get; } = text;

    public int Position { get; private set; }

    /// <summary>Line of the next character to read.</summary>
    public int Line { get; private set; } = firstLine;

    public int FirstLine { get; } = firstLine;

    public bool AtEnd => Position >= Text.Length;

    /// <summary>The character <paramref name="offset"/> ahead, or '\0' past the end.</summary>
    public char Peek(int offset = 0)
    {
        int i = Position + offset;
        return i < Text.Length ? Text[i] : '\0';
    }

    public bool LookingAt(string s) => string.CompareOrdinal(Text, Position, s, 0, s.Length) == 0;

    public char Read()
    {
        char c = Text[Position++];
        if (c == '\n')
        {
            Line++;
        }

        return c;
    }

    public void Skip(int count)
    {
        for (int i = 0; i < count; i++)
        {
            Read();
        }
    }

    /// <summary>Line of the last character read (the newline that ended a line belongs to it).</summary>
    public int LastReadLine => Position > 0 && Text[Position - 1] == '\n' ? Line - 1 : Line;

    /// <summary>The whole physical line <paramref name="line"/>, for error messages.</summary>
    public string LineText(int line)
    {
        int current = FirstLine;
        int start = 0;
        while (current < line)
        {
            int nl = Text.IndexOf('\n', start);
            if (nl < 0)
            {
                return "";
            }

            start = nl + 1;
            current++;
        }

        int end = Text.IndexOf('\n', start);
        return end < 0 ? Text[start..] : Text[start..end];
    }
}
