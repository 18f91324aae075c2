using Simulator.Cli.Host;
using Simulator.Cli.Host.Processes;
using Simulator.Cli.Shell;
using Simulator.Netfilter.Conntrack;

namespace Simulator.Cli.Commands.Conntrack;

/// <summary>
/// conntrack -E: a process that prints each event of the namespace's connection table as it
/// happens in simulated time, and on SIGINT/SIGTERM the number shown. Run it with &amp; or under
/// timeout; in the foreground it runs until the machine's limit.
/// </summary>
internal sealed class ConntrackEventsCommand(ConntrackFilter filter, HashSet<ConntrackEventKind>? mask, bool extended)
{
    public int Run(Invocation invocation)
    {
        var process = new EventsProcess(invocation, filter, mask, extended);
        var commandLine = string.Join(' ', invocation.Context.Arguments.Select(ShellQuoting.Quote));
        var jobs = invocation.Machine.Jobs;
        if (invocation.Context.Background)
        {
            jobs.RunBackground(process, commandLine);
            return 0;
        }
        return jobs.RunForeground(process, commandLine, invocation.Err, invocation.Machine.ForegroundLimit);
    }

    private sealed class EventsProcess(Invocation invocation, ConntrackFilter filter, HashSet<ConntrackEventKind>? mask, bool extended)
        : SimulatedProcess
    {
        private const string Program = "conntrack v1.4.7 (conntrack-tools)";
        private ConntrackTable? _table;
        private int _shown;

        public override void Start()
        {
            _table = invocation.Namespace.Firewall.Connections;
            _table.Events += OnEvent;
        }

        private void OnEvent(ConntrackEvent ev)
        {
            if (mask is not null && !mask.Contains(ev.Kind)) return;
            if (!filter.Matches(ev.Entry)) return;
            _shown++;
            invocation.Out.WriteLine(ConntrackFormat.Event(ev, invocation.World.Simulation.Now, extended));
        }

        /// <summary>conntrack catches SIGINT and SIGTERM, says how many events it showed, and exits.</summary>
        public override void Signal(int signal)
        {
            if (signal is SigInt or SigTerm)
            {
                invocation.Err.WriteLine($"{Program}: {_shown} flow events have been shown.");
                Exit(0);
                return;
            }
            base.Signal(signal);
        }

        protected override void OnExit()
        {
            if (_table is not null) _table.Events -= OnEvent;
        }
    }
}
