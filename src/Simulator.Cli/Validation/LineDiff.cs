namespace Simulator.Cli.Validation;

/// <summary>A unified diff of two short texts (command outputs), from a longest-common-subsequence table.</summary>
public static class LineDiff
{
    /// <summary>Unified-diff lines ("--- a", "+++ b", "@@ … @@", " x", "-y", "+z") with <paramref name="context"/> lines around each change; empty when equal.</summary>
    public static IReadOnlyList<string> Unified(IReadOnlyList<string> a, IReadOnlyList<string> b, string nameA, string nameB, int context = 2)
    {
        var ops = Script(a, b);
        if (ops.All(op => op.Kind == ' ')) return [];
        var lines = new List<string> { "--- " + nameA, "+++ " + nameB };
        int i = 0;
        while (i < ops.Count)
        {
            if (ops[i].Kind == ' ')
            {
                i++;
                continue;
            }
            int start = Math.Max(0, i - context);
            int end = i;
            // Extend the hunk while the next change is within 2*context unchanged lines.
            while (true)
            {
                while (end < ops.Count && ops[end].Kind != ' ') end++;
                int next = end;
                while (next < ops.Count && ops[next].Kind == ' ') next++;
                if (next < ops.Count && next - end <= 2 * context) end = next;
                else break;
            }
            int stop = Math.Min(ops.Count, end + context);
            var hunk = ops.GetRange(start, stop - start);
            int aStart = hunk.Count > 0 ? hunk[0].A : 0, bStart = hunk.Count > 0 ? hunk[0].B : 0;
            int aCount = hunk.Count(op => op.Kind != '+'), bCount = hunk.Count(op => op.Kind != '-');
            lines.Add($"@@ -{aStart + 1},{aCount} +{bStart + 1},{bCount} @@");
            lines.AddRange(hunk.Select(op => op.Kind + op.Text));
            i = stop;
        }
        if (lines.Count > MaxLines)
        {
            int more = lines.Count - MaxLines;
            lines.RemoveRange(MaxLines, more);
            lines.Add($"… ({more} more lines of difference)");
        }
        return lines;
    }

    /// <summary>The most diff lines shown for one command.</summary>
    public const int MaxLines = 200;

    private readonly record struct Op(char Kind, string Text, int A, int B);

    /// <summary>
    /// The most lines of the two middles (what is left between the common first and last lines)
    /// the table is built for: beyond, the middles are shown replaced whole rather than spending
    /// memory quadratic in them (a background job can print for a long time).
    /// </summary>
    private const long MaxTableCells = 4_000_000;

    private static List<Op> Script(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        int head = 0;
        while (head < a.Count && head < b.Count && a[head] == b[head]) head++;
        int tail = 0;
        while (tail < a.Count - head && tail < b.Count - head && a[a.Count - 1 - tail] == b[b.Count - 1 - tail]) tail++;
        int aEnd = a.Count - tail, bEnd = b.Count - tail;
        var ops = new List<Op>();
        for (int k = 0; k < head; k++) ops.Add(new Op(' ', a[k], k, k));
        if ((long)(aEnd - head) * (bEnd - head) > MaxTableCells)
        {
            for (int x = head; x < aEnd; x++) ops.Add(new Op('-', a[x], x, head));
            for (int y = head; y < bEnd; y++) ops.Add(new Op('+', b[y], aEnd, y));
        }
        else
        {
            var lcs = new int[aEnd - head + 1, bEnd - head + 1];
            for (int x = aEnd - 1; x >= head; x--)
                for (int y = bEnd - 1; y >= head; y--)
                    lcs[x - head, y - head] = a[x] == b[y] ? lcs[x - head + 1, y - head + 1] + 1 : Math.Max(lcs[x - head + 1, y - head], lcs[x - head, y - head + 1]);
            int i = head, j = head;
            while (i < aEnd || j < bEnd)
            {
                if (i < aEnd && j < bEnd && a[i] == b[j]) ops.Add(new Op(' ', a[i], i++, j++));
                else if (i < aEnd && (j == bEnd || lcs[i - head + 1, j - head] >= lcs[i - head, j - head + 1])) ops.Add(new Op('-', a[i], i++, j));
                else ops.Add(new Op('+', b[j], i, j++));
            }
        }
        for (int k = 0; k < tail; k++) ops.Add(new Op(' ', a[aEnd + k], aEnd + k, bEnd + k));
        return ops;
    }
}
