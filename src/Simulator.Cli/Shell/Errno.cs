namespace Simulator.Cli.Shell;

/// <summary>The errno texts the shell and its utilities print, as strerror(3) words them.</summary>
public static class Errno
{
    public const string NoEntry = "No such file or directory";
    public const string NotDirectory = "Not a directory";
    public const string IsDirectory = "Is a directory";
    public const string Exists = "File exists";
    public const string NotEmpty = "Directory not empty";
    public const string PermissionDenied = "Permission denied";
    public const string InvalidArgument = "Invalid argument";
}
