using System.Globalization;
using Simulator.Cli.Shell.Execution;
using Simulator.Cli.Shell.Syntax;

namespace Simulator.Cli.Shell;

// Lists, pipelines and compound commands.
public sealed partial class ShellInterpreter
{
    private int ExecuteList(CommandList list, Io io)
    {
        foreach ((AndOrList command, bool background) in list.Items)
        {
            if (background)
            {
                RunInBackground(command, io);
            }
            else
            {
                ExecuteAndOr(command, io);
            }
        }

        return _lastStatus;
    }

    // "cmd &": the shell runs it to completion now (there is no concurrency in the simulator);
    // programs it starts see Background=true and the host decides what that means.
    private void RunInBackground(AndOrList command, Io io)
    {
        bool saved = _inBackground;
        int? hostPidBefore = _host.LastBackgroundPid;
        _inBackground = true;
        _errexitSuppressed++;
        try
        {
            RunInSubshell(() => ExecuteAndOr(command, io with { In = TextReader.Null }));
        }
        finally
        {
            _inBackground = saved;
            _errexitSuppressed--;
        }

        // A program the host keeps running (tcpdump &) has a pid of the host's, which $! must name.
        int? hostPid = _host.LastBackgroundPid;
        _lastBackgroundPid = hostPid != null && hostPid != hostPidBefore ? hostPid : _nextPid++;
        _lastStatus = 0;
    }

    private int ExecuteAndOr(AndOrList list, Io io)
    {
        // Under set -e only the last pipeline of an && / || list may end the shell.
        int status = ExecutePipeline(list.First, io, isLastOfList: list.Rest.Count == 0);
        for (int i = 0; i < list.Rest.Count; i++)
        {
            (AndOrOperator op, Pipeline pipeline) = list.Rest[i];
            if ((op == AndOrOperator.And) != (status == 0))
            {
                continue;
            }

            status = ExecutePipeline(pipeline, io, isLastOfList: i == list.Rest.Count - 1);
        }

        return status;
    }

    private int ExecutePipeline(Pipeline pipeline, Io io, bool isLastOfList)
    {
        bool suppress = pipeline.Negated || !isLastOfList;
        if (suppress)
        {
            _errexitSuppressed++;
        }

        int status;
        try
        {
            status = pipeline.Commands.Count == 1
                ? ExecuteCommand(pipeline.Commands[0], io)
                : ExecuteMultiPipeline(pipeline, io);
        }
        finally
        {
            if (suppress)
            {
                _errexitSuppressed--;
            }
        }

        if (pipeline.Negated)
        {
            status = status == 0 ? 1 : 0;
        }

        _lastStatus = status;
        if (status != 0 && !suppress && _options.Errexit && _errexitSuppressed == 0)
        {
            throw new ExitException(status);
        }

        return status;
    }

    // "a | b | c" runs each element in turn, in a subshell, a's output becoming b's input.
    private int ExecuteMultiPipeline(Pipeline pipeline, Io io)
    {
        TextReader input = io.In;
        int status = 0;
        int failed = 0;
        for (int i = 0; i < pipeline.Commands.Count; i++)
        {
            bool last = i == pipeline.Commands.Count - 1;
            var captured = new StringWriter();
            Io elementIo = io with { In = input, Out = last ? io.Out : captured };
            Command command = pipeline.Commands[i];
            status = RunInSubshell(() => ExecuteCommand(command, elementIo));

            if (status != 0)
            {
                failed = status;
            }

            input = new StringReader(captured.ToString());
        }

        return _options.Pipefail && status == 0 ? failed : status;
    }

    private int ExecuteCommand(Command command, Io io)
    {
        if (command is SimpleCommand simple)
        {
            return ExecuteSimple(simple, io);
        }

        if (command is FunctionDefinition definition)
        {
            _functions[definition.Name] = definition;
            _lastStatus = 0;
            return 0;
        }

        _location = command.Location;
        OpenRedirections? redirections = ApplyRedirections(command.Redirections, io, command.Location);
        if (redirections is null)
        {
            _lastStatus = 1;
            return 1;
        }

        int status = 0;
        try
        {
            status = command switch
            {
                IfCommand c => ExecuteIf(c, redirections.Io),
                WhileCommand c => ExecuteWhile(c, redirections.Io),
                ForCommand c => ExecuteFor(c, redirections.Io),
                GroupCommand c => ExecuteList(c.Body, redirections.Io),
                SubshellCommand c => RunInSubshell(() => ExecuteList(c.Body, redirections.Io)),
                ArithmeticCommand c => ExecuteArithmetic(c, redirections.Io),
                ConditionalCommand c => ExecuteConditional(c, redirections.Io),
                _ => throw new InvalidOperationException("unknown command " + command.GetType().Name),
            };
        }
        finally
        {
            status = CloseRedirections(redirections, status, null);
        }

        _lastStatus = status;
        return status;
    }

    private int ExecuteCondition(CommandList condition, Io io)
    {
        _errexitSuppressed++;
        try
        {
            return ExecuteList(condition, io);
        }
        finally
        {
            _errexitSuppressed--;
        }
    }

    private int ExecuteIf(IfCommand command, Io io)
    {
        foreach ((CommandList condition, CommandList body) in command.Clauses)
        {
            if (ExecuteCondition(condition, io) == 0)
            {
                return ExecuteList(body, io);
            }
        }

        if (command.ElseBody is not null)
        {
            return ExecuteList(command.ElseBody, io);
        }

        _lastStatus = 0;
        return 0;
    }

    private int ExecuteWhile(WhileCommand command, Io io)
    {
        int status = 0;
        _loopDepth++;
        try
        {
            while ((ExecuteCondition(command.Condition, io) == 0) != command.Until)
            {
                try
                {
                    status = ExecuteList(command.Body, io);
                }
                catch (LoopControlException e)
                {
                    if (LeaveLoop(e))
                    {
                        status = 0;
                        break;
                    }
                }
            }
        }
        finally
        {
            _loopDepth--;
        }

        _lastStatus = status;
        return status;
    }

    private int ExecuteFor(ForCommand command, Io io)
    {
        List<string> values = command.Words is null
            ? [.. _positional]
            : Expander(io).ExpandWords(command.Words);
        int status = 0;
        _loopDepth++;
        try
        {
            foreach (string value in values)
            {
                if (_options.Xtrace)
                {
                    WriteTrace(io, command.Header);
                }

                AssignVariable(command.Variable, value, io);
                try
                {
                    status = ExecuteList(command.Body, io);
                }
                catch (LoopControlException e)
                {
                    if (LeaveLoop(e))
                    {
                        status = 0;
                        break;
                    }
                }
            }
        }
        finally
        {
            _loopDepth--;
        }

        _lastStatus = status;
        return status;
    }

    // Handles break/continue at this loop: true to leave it. "break 2" leaves this loop and
    // continues unwinding one more; at the outermost loop the count runs out quietly, as in bash.
    private bool LeaveLoop(LoopControlException e)
    {
        if (e.Levels > 1 && _loopDepth > 1)
        {
            throw new LoopControlException(e.IsBreak, e.Levels - 1);
        }

        return e.IsBreak;
    }

    private int ExecuteArithmetic(ArithmeticCommand command, Io io)
    {
        string text = Expander(io).ExpandString(command.Expression);
        if (_options.Xtrace)
        {
            WriteTrace(io, $"(( {text} ))");
        }

        long value = EvaluateArithmetic(text, io, command.Location);
        return value != 0 ? 0 : 1;
    }

    internal long EvaluateArithmetic(string text, Io io, SourceLocation location)
    {
        try
        {
            return Arithmetic.Evaluate(
                text,
                name => LookupParameter(name, io),
                (name, value) => AssignVariable(name, value, io));
        }
        catch (Execution.ArithmeticException e)
        {
            ReportError(io, location, e.Message);
            throw new AbortCommandException();
        }
    }

    private int ExecuteConditional(ConditionalCommand command, Io io)
    {
        var evaluator = new ConditionalExpression(this, io, command);
        return evaluator.Evaluate();
    }

    /// <summary>
    /// Runs <paramref name="body"/> as a subshell would: changes to variables, functions, options,
    /// the directory and positional parameters are undone afterwards; <c>exit</c> ends only it.
    /// The file system is shared, as on a real machine.
    /// </summary>
    internal int RunInSubshell(Func<int> body)
    {
        object vars = _vars.Snapshot();
        var functions = new Dictionary<string, FunctionDefinition>(_functions, StringComparer.Ordinal);
        var exported = new HashSet<string>(_exportedFunctions, StringComparer.Ordinal);
        List<string> positional = [.. _positional];
        string cwd = _cwd;
        ShellOptions options = _options.Clone();
        int loopDepth = _loopDepth;
        int status;
        try
        {
            status = body();
        }
        catch (ControlFlowException e) when (e is ExitException or ReturnException)
        {
            status = e.Status;
        }
        catch (LoopControlException)
        {
            status = 0;
        }
        finally
        {
            _vars.Restore(vars);
            _functions = functions;
            _exportedFunctions = exported;
            _positional = positional;
            _cwd = cwd;
            _options = options;
            _loopDepth = loopDepth;
        }

        _lastStatus = status;
        return status;
    }

    /// <summary><c>$(...)</c>: runs the body in a subshell and returns its output without trailing newlines.</summary>
    internal string RunCommandSubstitution(CommandList body, Io io)
    {
        if (ReadOnlyRedirection(body) is { } redirection)
        {
            return ReadFileSubstitution(redirection, io);
        }

        var output = new StringWriter();
        _traceDepth++;
        try
        {
            RunInSubshell(() => ExecuteList(body, io with { Out = output }));
        }
        finally
        {
            _traceDepth--;
        }

        LastSubstitutionStatus = _lastStatus;
        return output.ToString().TrimEnd('\n');
    }

    // "$(< file)" is bash's shorthand for the file's content.
    private static SimpleCommand? ReadOnlyRedirection(CommandList body) =>
        body.Items is [{ Command: { Rest.Count: 0, First: { Negated: false, Commands: [SimpleCommand c] } }, Background: false }]
        && c.Words.Count == 0 && c.Assignments.Count == 0 && c.Redirections is [{ Kind: RedirectionKind.Input, Fd: 0 }]
            ? c
            : null;

    private string ReadFileSubstitution(SimpleCommand command, Io io)
    {
        _location = command.Location;
        string? path = Expander(io).ExpandRedirectionTarget(command.Redirections[0].Target!);
        string? content = path is null ? null : ReadFile(path, Namespace, io.In, out string? error);
        if (content is null)
        {
            ReportError(io, command.Location, path is null ? $"{command.Redirections[0].Target!.Raw}: ambiguous redirect" : $"{path}: {Errno.NoEntry}");
            LastSubstitutionStatus = _lastStatus = 1;
            return "";
        }

        LastSubstitutionStatus = _lastStatus = 0;
        return content.TrimEnd('\n');
    }

    /// <summary>Status of the last command substitution, the status of a command that has only assignments.</summary>
    internal int? LastSubstitutionStatus { get; set; }

    private int CallFunction(FunctionDefinition function, IReadOnlyList<string> argv, Io io)
    {
        if (_functionDepth + _sourceDepth >= MaxNesting)
        {
            // bash would recurse until it crashes; stop in time, with the message bash gives under FUNCNEST.
            ReportError(io, _location, $"{function.Name}: maximum function nesting level exceeded ({MaxNesting})");
            throw new AbortCommandException();
        }

        List<string> savedPositional = _positional;
        _positional = [.. argv.Skip(1)];
        _vars.PushScope(isFunction: true);
        _functionDepth++;
        int savedLoopDepth = _loopDepth;
        _loopDepth = 0;
        int status;
        try
        {
            status = ExecuteCommand(function.Body, io);
        }
        catch (ReturnException e)
        {
            status = e.Status;
        }
        catch (LoopControlException)
        {
            status = 0;
        }
        finally
        {
            _loopDepth = savedLoopDepth;
            _functionDepth--;
            _vars.PopScope();
            _positional = savedPositional;
        }

        _lastStatus = status;
        return status;
    }

    private WordExpander Expander(Io io) => new(this, io);

    private static string Decimal(int value) => value.ToString(CultureInfo.InvariantCulture);
}
