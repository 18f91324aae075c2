using Simulator.Cli.Commands.Iptables.Extensions;
using Simulator.Cli.Commands.Iptables.NameServices;
using Simulator.Netfilter;
using Simulator.Netfilter.Tables;

namespace Simulator.Cli.Commands.Iptables;

/// <summary>
/// <c>iptables-restore [-c] [-n] [-t] [-v] [-T table] [file]</c> of one network namespace, as
/// iptables-restore v1.8.9 (nf_tables). Each "*table ... COMMIT" block is applied to a copy of
/// the table and committed whole at its COMMIT: an error anywhere in the block leaves that table
/// as it was, while blocks committed before stay. Without --noflush a block starts from an
/// empty table. <paramref name="readFile"/> gives the content of a named file, or null;
/// <paramref name="kernelLog"/> receives what the kernel logs when it refuses a rule.
/// </summary>
public sealed class IptablesRestoreCommand(NetfilterTables tables, NameService? names = null,
    Func<string, string?>? readFile = null, Action<string>? kernelLog = null)
{
    private const string Program = "iptables-restore";

    private static readonly LongOption[] Options =
    [
        new("counters", ArgumentKind.None, 'c'),
        new("verbose", ArgumentKind.None, 'v'),
        new("version", ArgumentKind.None, 'V'),
        new("test", ArgumentKind.None, 't'),
        new("help", ArgumentKind.None, 'h'),
        new("noflush", ArgumentKind.None, 'n'),
        new("modprobe", ArgumentKind.Required, 'M'),
        new("table", ArgumentKind.Required, 'T'),
        new("wait", ArgumentKind.Optional, 'w'),
        new("wait-interval", ArgumentKind.Optional, 'W'),
    ];

    private readonly NameService _names = names ?? NameService.CreateDefault();

    private sealed class Settings
    {
        public bool Counters, Verbose, Test, NoFlush;
        public string? OnlyTable, File;
    }

    public int Run(IReadOnlyList<string> args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        var settings = new Settings();
        var getopt = new Getopt([Program, .. args], "bcvVthnwWM:T:");
        getopt.LongOptions.AddRange(Options);
        while (true)
        {
            var option = getopt.Next();
            if (option.Code == GetoptResult.End) break;
            switch (option.Code)
            {
                case 'c': settings.Counters = true; break;
                case 'v': settings.Verbose = true; break;
                case 't': settings.Test = true; break;
                case 'n': settings.NoFlush = true; break;
                case 'T': settings.OnlyTable = option.Argument; break;
                case 'b' or 'w' or 'W' or 'M': break;
                case 'V':
                    stdout.Write($"{Program} v{IptablesVersion.Number} (nf_tables)\n");
                    return 0;
                case 'h':
                    stdout.Write($"Usage: {Program} [-c] [-v] [-V] [-t] [-h] [-n] [-w secs] [-W usecs] [-T table] [-M command] [file]\n");
                    return 0;
                case GetoptResult.NonOption:
                    settings.File ??= option.Argument;
                    break;
                default:
                    stderr.Write(GetoptMessages.Unrecognized(Program, getopt));
                    stderr.Write($"Try `{Program} -h' for more information.\n");
                    return 1;
            }
        }

        string input;
        if (settings.File is { } file)
        {
            var content = readFile?.Invoke(file);
            if (content is null)
            {
                stderr.Write($"Can't open {file}: No such file or directory\n");
                return 1;
            }
            input = content;
        }
        else
        {
            input = stdin.ReadToEnd();
        }
        return Restore(input, settings, stdout, stderr);
    }

    private int Restore(string input, Settings settings, TextWriter stdout, TextWriter stderr)
    {
        var lines = input.Split('\n');
        int count = input.EndsWith('\n') ? lines.Length - 1 : lines.Length;
        Table? live = null, working = null;
        bool inTable = false, skipping = false;
        (TableFailure Failure, int Line)? pendingKernel = null;
        IptablesError? pendingBatch = null;
        int lineNumber = 0;

        try
        {
            for (; lineNumber < count;)
            {
                string line = lines[lineNumber++];
                if (line.Length == 0) continue;
                if (line[0] == '#')
                {
                    if (settings.Verbose) stdout.Write(line + "\n");
                    continue;
                }

                if (!inTable)
                {
                    if (line[0] != '*')
                    {
                        stderr.Write($"{Program}: line {lineNumber} failed\n");
                        return 1;
                    }
                    string name = line[1..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
                    live = tables.Find(name)
                           ?? throw IptablesError.Parameter($"{Program}: line {lineNumber} table name '{name}' invalid");
                    inTable = true;
                    skipping = settings.OnlyTable is not null && settings.OnlyTable != name;
                    if (skipping) continue;
                    working = live.Clone();
                    pendingKernel = null;
                    pendingBatch = null;
                    if (!settings.NoFlush)
                    {
                        if (settings.Verbose)
                            foreach (var chain in working.Chains) stdout.Write($"Flushing chain `{chain.Name}'\n");
                        working.Reset();
                    }
                    continue;
                }

                if (line == "COMMIT")
                {
                    inTable = false;
                    if (skipping) continue;
                    if (pendingBatch is not null) throw pendingBatch;
                    if (pendingKernel is { } failure)
                    {
                        stderr.Write($"{Program} v{IptablesVersion.Number} (nf_tables): \nline {failure.Line}: {failure.Failure.Message}\n");
                        return (int)ExitStatus.ResourceProblem;
                    }
                    if (!settings.Test) live!.CopyFrom(working!);
                    continue;
                }
                if (skipping) continue;

                try
                {
                    if (line[0] == ':') DeclareChain(working!, line, lineNumber, settings);
                    else RestoreRule(working!, line, lineNumber, settings, stdout, stderr);
                }
                catch (IptablesError error) when (error.FoundAtCommit)
                {
                    pendingBatch ??= error;
                }
                catch (TableFailure failure) when (failure.FromKernel)
                {
                    // The kernel only answers when the block is committed; later lines still run.
                    if (failure.KernelLog is { } log) kernelLog?.Invoke(log);
                    pendingKernel ??= (failure, lineNumber);
                }
                catch (TableFailure failure)
                {
                    stderr.Write($"{Program}: line {lineNumber} failed: {failure.Message}.\n");
                    return (int)ExitStatus.OtherProblem;
                }
            }
        }
        catch (IptablesError error)
        {
            stderr.Write(error.Render(Program, lineNumber));
            return (int)error.Status;
        }

        if (inTable)
        {
            stderr.Write($"{Program}: COMMIT expected at line {count + 1}\n");
            return 1;
        }
        return 0;
    }

    /// <summary>":CHAIN POLICY [packets:bytes]": a built-in chain's policy, or a user chain (created, or emptied if it exists).</summary>
    private static void DeclareChain(Table table, string line, int lineNumber, Settings settings)
    {
        var parts = line[1..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        string chainName = parts.Length > 0 ? parts[0] : throw IptablesError.Parameter($"{Program}: line {lineNumber} chain name invalid");
        if (chainName.Length >= IptablesParser.MaxNameLength)
            throw IptablesError.Parameter($"chain name `{chainName}' too long (must be under {IptablesParser.MaxNameLength} chars)");
        string policy = parts.Length > 1 ? parts[1] : throw IptablesError.Parameter($"{Program}: line {lineNumber} policy invalid");

        var chain = table.FindChain(chainName);
        if (chain is { IsBuiltin: true })
        {
            if (policy == "-") return;
            PacketCounters? counters = settings.Counters && parts.Length > 2 ? ParseChainCounters(parts[2]) : null;
            var verdict = policy switch
            {
                "ACCEPT" => ChainPolicy.Accept,
                "DROP" => ChainPolicy.Drop,
                _ => throw TableFailure.Userspace("Bad policy name", invalidArgument: true),
            };
            table.SetPolicy(chainName, verdict, counters);
            return;
        }
        if (ExtensionRegistry.IsTargetName(chainName)) throw IptablesError.Parameter("chain name may not clash with target name");
        if (chain is not null) table.Flush(chainName);
        else table.NewChain(chainName);
    }

    private static PacketCounters? ParseChainCounters(string text)
    {
        if (text.Length < 2 || text[0] != '[' || text[^1] != ']') return null;
        var fields = text[1..^1].Split(':');
        return fields.Length == 2
               && ulong.TryParse(fields[0], System.Globalization.CultureInfo.InvariantCulture, out ulong packets)
               && ulong.TryParse(fields[1], System.Globalization.CultureInfo.InvariantCulture, out ulong bytes)
            ? new PacketCounters(packets, bytes)
            : null;
    }

    private void RestoreRule(Table table, string line, int lineNumber, Settings settings, TextWriter stdout, TextWriter stderr)
    {
        string rest = line;
        string? packets = null, bytes = null;
        if (line[0] == '[')
        {
            int close = line.IndexOf(']');
            if (close < 0) throw IptablesError.Parameter($"Bad line {lineNumber}: need ]");
            var inside = line[1..close];
            int colon = inside.IndexOf(':');
            if (colon < 0) throw IptablesError.Parameter($"Bad line {lineNumber}: need :");
            packets = inside[..colon];
            bytes = inside[(colon + 1)..];
            rest = line[(close + 1)..];
        }
        var words = RestoreTokenizer.Split(rest);
        if (settings.Counters && packets is not null) words.AddRange(["-c", packets, bytes!]);
        if (settings.Verbose) words.Insert(0, "-v");

        var (command, state) = IptablesParser.Parse(words, _names, stderr, Program, table.Name);
        if (command.Information is { } information)
        {
            stdout.Write(information);
            return;
        }
        new CommandExecutor(table, _names, stdout).Execute(command, state);
    }
}
