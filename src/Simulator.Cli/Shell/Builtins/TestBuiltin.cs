using Simulator.Cli.Shell.Execution;

namespace Simulator.Cli.Shell.Builtins;

/// <summary><c>test</c> and <c>[</c>.</summary>
internal static class TestBuiltin
{
    public static int Test(BuiltinCall call)
    {
        var args = call.Args.Skip(1).ToList();
        if (call.Name == "[")
        {
            if (args.Count == 0 || args[^1] != "]")
            {
                call.Error(call.IsShellBuiltin ? "missing `]'" : "missing ']'");
                return 2;
            }

            args.RemoveAt(args.Count - 1);
        }

        try
        {
            return new TestCommand(call.Shell, args, call.Namespace).Evaluate();
        }
        catch (TestSyntaxException e)
        {
            call.Error(e.Message);
            return 2;
        }
    }
}
