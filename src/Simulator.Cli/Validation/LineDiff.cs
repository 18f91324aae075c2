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
        return lines;
    }

    private readonly record struct Op(char Kind, string Text, int A, int B);

    private static List<Op> Script(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var lcs = new int[a.Count + 1, b.Count + 1];
        for (int x = a.Count - 1; x >= 0; x--)
            for (int y = b.Count - 1; y >= 0; y--)
                lcs[x, y] = a[x] == b[y] ? lcs[x + 1, y + 1] + 1 : Math.Max(lcs[x + 1, y], lcs[x, y + 1]);
        var ops = new List<Op>();
        int i = 0, j = 0;
        while (i < a.Count || j < b.Count)
        {
            if (i < a.Count && j < b.Count && a[i] == b[j]) ops.Add(new Op(' ', a[i], i++, j++));
            else if (i < a.Count && (j == b.Count || lcs[i + 1, j] >= lcs[i, j + 1])) ops.Add(new Op('-', a[i], i++, j));
            else ops.Add(new Op('+', b[j], i, j++));
        }
        return ops;
    }
}
