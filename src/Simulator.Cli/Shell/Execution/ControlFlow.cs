namespace Simulator.Cli.Shell.Execution;

/// <summary>
/// Non-local exits of the shell language. They unwind the interpreter's recursion to the
/// construct that ends them: the script (exit), the function or sourced file (return), the loop
/// (break/continue), or the subshell.
/// </summary>
internal abstract class ControlFlowException(int status) : Exception
{
    public int Status { get; } = status;
}

/// <summary><c>exit N</c>, <c>set -e</c>, or an error that ends a non-interactive shell.</summary>
internal sealed class ExitException(int status) : ControlFlowException(status);

/// <summary>
/// A construct NetSim does not interpret, met while running. Ends every enclosing script, not
/// just a sourced file, so that nothing is silently skipped.
/// </summary>
internal sealed class UnsupportedException(int status) : ControlFlowException(status);

internal sealed class ReturnException(int status) : ControlFlowException(status);

internal sealed class LoopControlException(bool isBreak, int levels) : ControlFlowException(0)
{
    public bool IsBreak { get; } = isBreak;

    public int Levels { get; } = levels;
}

/// <summary>An expansion error (bad arithmetic): bash abandons the current top-level command, status 1.</summary>
internal sealed class AbortCommandException() : ControlFlowException(1);
