using Simulator.Cli.Commands.Iptables.NameServices;
using Simulator.Netfilter.Tables;

namespace Simulator.Cli.Commands.Iptables;

/// <summary>
/// The <c>iptables</c> command of one network namespace, behaving as iptables v1.8.9
/// (nf_tables) does: same options, same output, same messages and exit statuses. Each command
/// is applied to a copy of its table and committed whole, as the real tool commits one
/// nf_tables transaction, so a failing command changes nothing. Lines the kernel would log
/// when it refuses a rule (x_tables' "SNAT target: only valid in nat table, not filter") go to
/// <paramref name="kernelLog"/>, for the namespace's dmesg.
/// </summary>
public sealed class IptablesCommand(NetfilterTables tables, NameService? names = null, Action<string>? kernelLog = null)
{
    private const string Program = "iptables";

    private readonly NameService _names = names ?? NameService.CreateDefault();

    /// <param name="args">The arguments after "iptables".</param>
    /// <param name="stdout">Listings and -v messages.</param>
    /// <param name="stderr">Errors and warnings.</param>
    /// <returns>The exit status.</returns>
    public int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            var (command, state) = IptablesParser.Parse(args, _names, stderr, Program);
            if (command.Information is { } information)
            {
                stdout.Write(information);
                return 0;
            }
            var live = tables.Find(command.Table)
                       ?? throw IptablesError.Version($"table '{command.Table}' does not exist");
            var working = live.Clone();
            new CommandExecutor(working, _names, stdout).Execute(command, state);
            live.CopyFrom(working);
            return 0;
        }
        catch (IptablesError error)
        {
            stderr.Write(error.Render(Program, null));
            return (int)error.Status;
        }
        catch (TableFailure failure) when (failure.FromKernel)
        {
            if (failure.KernelLog is { } log) kernelLog?.Invoke(log);
            stderr.Write($"{Program} v{IptablesVersion.Number} (nf_tables):  {failure.Message}\n");
            return (int)ExitStatus.ResourceProblem;
        }
        catch (TableFailure failure)
        {
            string dmesg = failure.InvalidArgument ? " Run `dmesg' for more information." : "";
            stderr.Write($"{Program}: {failure.Message}.{dmesg}\n");
            return (int)ExitStatus.OtherProblem;
        }
    }
}
