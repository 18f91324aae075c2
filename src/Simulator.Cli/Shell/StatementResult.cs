namespace Simulator.Cli.Shell;

/// <summary>
/// One completed top-level statement of a script file (a complete command, ended by a newline:
/// <c>a; b</c> on one line is one statement, a function definition or an <c>if ... fi</c> block
/// is one statement). Statements of sourced files are reported too, each with its own file and
/// lines, before the <c>source</c> statement that contains them.
/// </summary>
/// <param name="File">File name as bash prints it in errors.</param>
/// <param name="StartLine">First line of the statement (1-based).</param>
/// <param name="EndLine">Last line, here-document bodies included.</param>
/// <param name="Stdout">Terminal stdout written while the statement ran.</param>
/// <param name="Stderr">Terminal stderr (errors, <c>set -x</c> trace) written while it ran.</param>
/// <param name="Output">Both, interleaved in the order written.</param>
/// <param name="ExitStatus">Its exit status (<c>$?</c> after it).</param>
/// <param name="SourceDepth">0 for the file given to RunFile/RunText, 1 for a file it sources, ...</param>
public sealed record StatementResult(
    string File,
    int StartLine,
    int EndLine,
    string Stdout,
    string Stderr,
    string Output,
    int ExitStatus,
    int SourceDepth)
{
    public SourceLocation Location => new(File, StartLine);
}
