using Simulator.Cli.Shell.Builtins;
using Simulator.Cli.Shell.Execution;
using Simulator.Cli.Shell.Syntax;

namespace Simulator.Cli.Shell;

// export, readonly, local, declare/typeset and unset.
public sealed partial class ShellInterpreter
{
    private int Export(BuiltinCall call)
    {
        bool functions = false;
        bool remove = false;
        var names = new List<string>();
        foreach (string arg in call.Args.Skip(1))
        {
            if (names.Count == 0 && arg.StartsWith('-') && arg.Length > 1)
            {
                foreach (char c in arg[1..])
                {
                    switch (c)
                    {
                        case 'f':
                            functions = true;
                            break;
                        case 'n':
                            remove = true;
                            break;
                        case 'p':
                            break;
                        default:
                            call.Error($"-{c}: invalid option");
                            call.Err.Write("export: usage: export [-fn] [name[=value] ...] or export -p\n");
                            return 2;
                    }
                }

                continue;
            }

            names.Add(arg);
        }

        if (names.Count == 0)
        {
            foreach ((string name, string value) in _vars.Environment().OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                call.Out.Write($"declare -x {name}=\"{EscapeForDeclare(value)}\"\n");
            }

            return 0;
        }

        int status = 0;
        foreach (string arg in names)
        {
            if (functions)
            {
                if (!_functions.ContainsKey(arg))
                {
                    call.Error($"{arg}: not a function");
                    status = 1;
                    continue;
                }

                if (remove)
                {
                    _exportedFunctions.Remove(arg);
                }
                else
                {
                    _exportedFunctions.Add(arg);
                }

                continue;
            }

            status |= Declare(call, arg, v => v.Exported = !remove, local: false, traceAssignment: true);
        }

        return status;
    }

    private int Readonly(BuiltinCall call)
    {
        int status = 0;
        foreach (string arg in call.Args.Skip(1))
        {
            if (arg.StartsWith('-'))
            {
                throw UnsupportedBuiltin(call, "readonly " + arg);
            }

            status |= Declare(call, arg, v => v.ReadOnly = true, local: false, traceAssignment: true);
        }

        if (call.Args.Count == 1)
        {
            throw UnsupportedBuiltin(call, "readonly (listing)");
        }

        return status;
    }

    private int Local(BuiltinCall call)
    {
        if (!_vars.InFunction)
        {
            call.Error("can only be used in a function");
            return 1;
        }

        return DeclareAll(call, local: true);
    }

    private int Declare(BuiltinCall call) => DeclareAll(call, local: _vars.InFunction);

    // local/declare/typeset: -r and -x are kept; options that change a variable's kind are not interpreted.
    private int DeclareAll(BuiltinCall call, bool local)
    {
        bool readOnly = false;
        bool export = false;
        int status = 0;
        bool any = false;
        foreach (string arg in call.Args.Skip(1))
        {
            if (arg.Length > 1 && arg[0] is '-' or '+' && !any)
            {
                foreach (char c in arg[1..])
                {
                    switch (c)
                    {
                        case 'r':
                            readOnly = arg[0] == '-';
                            break;
                        case 'x':
                            export = arg[0] == '-';
                            break;
                        case 'g':
                            local = false;
                            break;
                        default:
                            throw UnsupportedBuiltin(call, $"{call.Name} -{c}");
                    }
                }

                continue;
            }

            any = true;
            status |= Declare(call, arg, v =>
            {
                v.ReadOnly |= readOnly;
                v.Exported |= export;
            }, local, traceAssignment: false);
        }

        if (!any)
        {
            throw UnsupportedBuiltin(call, call.Name + " (listing)");
        }

        return status;
    }

    // One "name" or "name=value" operand of export/readonly/local/declare.
    private int Declare(BuiltinCall call, string arg, Action<ShellVariable> configure, bool local, bool traceAssignment)
    {
        int eq = arg.IndexOf('=', StringComparison.Ordinal);
        string name = eq < 0 ? arg : arg[..eq];
        bool append = name.EndsWith('+');
        if (append)
        {
            name = name[..^1];
        }

        if (!ShellLexer.IsName(name))
        {
            call.Error($"`{arg}': not a valid identifier");
            return 1;
        }

        string? value = eq < 0 ? null : arg[(eq + 1)..];
        ShellVariable? existing = local ? null : _vars.Find(name);
        if (value is not null && (existing?.ReadOnly ?? false))
        {
            call.Error($"{name}: readonly variable");
            return 1;
        }

        if (value is not null && append)
        {
            value = (_vars.Get(name) ?? "") + value;
        }

        if (value is not null && traceAssignment && _options.Xtrace)
        {
            WriteTrace(call.Io, ShellQuoting.QuoteAssignment(name, value));
        }

        ShellVariable variable = local
            ? _vars.DeclareLocal(name, value)
            : existing is not null && value is null ? existing : _vars.Set(name, value ?? existing?.Value);
        configure(variable);
        return 0;
    }

    private static string EscapeForDeclare(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("$", "\\$", StringComparison.Ordinal).Replace("`", "\\`", StringComparison.Ordinal);

    private int Unset(BuiltinCall call)
    {
        bool functionsOnly = false;
        bool variablesOnly = false;
        int status = 0;
        foreach (string arg in call.Args.Skip(1))
        {
            if (arg is "-f" or "-v" or "-fv" or "-vf")
            {
                functionsOnly = arg == "-f";
                variablesOnly = arg == "-v";
                continue;
            }

            if (functionsOnly)
            {
                _functions.Remove(arg);
                _exportedFunctions.Remove(arg);
                continue;
            }

            if (!ShellLexer.IsName(arg))
            {
                call.Error($"`{arg}': not a valid identifier");
                status = 1;
                continue;
            }

            ShellVariable? v = _vars.Find(arg);
            if (v is { ReadOnly: true })
            {
                call.Error($"{arg}: cannot unset: readonly variable");
                status = 1;
                continue;
            }

            if (v is null && !variablesOnly)
            {
                _functions.Remove(arg);
                _exportedFunctions.Remove(arg);
                continue;
            }

            _vars.Unset(arg);
        }

        return status;
    }
}
