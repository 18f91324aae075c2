using System.Globalization;
using Simulator.Cli.Shell.Builtins;
using Simulator.Cli.Shell.Execution;
using Simulator.Cli.Shell.Syntax;

namespace Simulator.Cli.Shell;

// Builtins that change where execution goes: source, exit, return, break/continue, eval.
public sealed partial class ShellInterpreter
{
    private int Source(BuiltinCall call)
    {
        if (call.Args.Count < 2)
        {
            call.Error("filename argument required");
            call.Err.Write($"{call.Name}: usage: {call.Name} filename [arguments]\n");
            return 2;
        }

        string name = call.Args[1];
        if (_functionDepth + _sourceDepth >= MaxNesting)
        {
            call.Error($"{name}: maximum source nesting level exceeded ({MaxNesting})");
            throw new AbortCommandException();
        }

        string? text = FindScript(name, out string? error);
        if (text is null)
        {
            ReportError(call.Io, call.Location, $"{name}: {error ?? Errno.NoEntry}");
            return 1;
        }

        List<string>? savedPositional = null;
        if (call.Args.Count > 2)
        {
            savedPositional = _positional;
            _positional = [.. call.Args.Skip(2)];
        }

        _sourceDepth++;
        int status;
        try
        {
            status = RunStatements(text, name, call.Io, sourced: true);
        }
        catch (ReturnException e)
        {
            status = e.Status;
        }
        finally
        {
            _sourceDepth--;
            if (savedPositional is not null)
            {
                _positional = savedPositional;
            }
        }

        return status;
    }

    private int Exit(BuiltinCall call)
    {
        int status = _lastStatus;
        if (call.Args.Count > 1)
        {
            if (!long.TryParse(call.Args[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n))
            {
                call.Error($"{call.Args[1]}: numeric argument required");
                throw new ExitException(2);
            }

            status = (int)(n & 0xff);
        }

        throw new ExitException(status);
    }

    private int Return(BuiltinCall call)
    {
        if (_functionDepth == 0 && _sourceDepth == 0)
        {
            call.Error("can only `return' from a function or sourced script");
            return 2;
        }

        int status = _lastStatus;
        if (call.Args.Count > 1)
        {
            if (!long.TryParse(call.Args[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n))
            {
                call.Error($"{call.Args[1]}: numeric argument required");
                status = 2;
            }
            else
            {
                status = (int)(n & 0xff);
            }
        }

        throw new ReturnException(status);
    }

    private int LoopControl(BuiltinCall call, bool isBreak)
    {
        int levels = 1;
        if (call.Args.Count > 1 && !int.TryParse(call.Args[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out levels))
        {
            call.Error($"{call.Args[1]}: numeric argument required");
            return 1;
        }

        if (_loopDepth == 0)
        {
            call.Error("only meaningful in a `for', `while', or `until' loop");
            return 0;
        }

        if (levels < 1)
        {
            call.Error($"{levels}: loop count out of range");
            return 1;
        }

        throw new LoopControlException(isBreak, levels);
    }

    private int Eval(BuiltinCall call)
    {
        string text = string.Join(' ', call.Args.Skip(1));
        if (text.Trim().Length == 0)
        {
            return 0;
        }

        _traceDepth++;
        try
        {
            var parser = new ShellParser(new ShellLexer(new SourceReader(text, call.Location.Line), call.Location.File, []));
            int status = 0;
            while (true)
            {
                Statement? statement;
                try
                {
                    statement = parser.ParseNextStatement();
                }
                catch (ShellSyntaxException e)
                {
                    string where = $"{call.Location.File}: eval: line {e.Line}";
                    call.Err.Write($"{where}: {e.Message}\n");
                    if (e.Context is not null)
                    {
                        call.Err.Write($"{where}: `{e.Context}'\n");
                    }

                    if (e.Message.StartsWith("netsim:", StringComparison.Ordinal))
                    {
                        throw new UnsupportedException(2);
                    }

                    return 2;
                }

                if (statement is null)
                {
                    return status;
                }

                status = ExecuteList(statement.Body, call.Io);
            }
        }
        finally
        {
            _traceDepth--;
        }
    }
}
