using Simulator.Devices.Namespaces;

namespace Simulator.Cli.Commands.Ip;

/// <summary>
/// <c>ip netns add|delete|list|exec|identify|pids</c> (ipnetns.c): named namespaces as files
/// under /run/netns, and running a command inside one.
/// </summary>
public static class IpNetnsCommand
{
    public static int Run(IpContext ip, IpArguments args)
    {
        if (!args.HasMore) return List(ip);
        var command = args.Next();
        if (IpArguments.Matches(command, "list") || IpArguments.Matches(command, "show") || IpArguments.Matches(command, "lst"))
            return List(ip);
        if (IpArguments.Matches(command, "list-id")) throw IpUsageError.NotModelled("ip netns list-id");
        if (IpArguments.Matches(command, "help")) throw IpUsageError.NotModelled("ip netns help");
        if (IpArguments.Matches(command, "add")) return Add(ip, args);
        if (IpArguments.Matches(command, "attach") || IpArguments.Matches(command, "set") || IpArguments.Matches(command, "monitor"))
            throw IpUsageError.NotModelled($"ip netns {command}");
        if (IpArguments.Matches(command, "delete")) return Delete(ip, args);
        if (IpArguments.Matches(command, "identify")) return Identify(ip, args);
        if (IpArguments.Matches(command, "pids")) return Pids(ip, args);
        if (IpArguments.Matches(command, "exec")) return Exec(ip, args);
        throw new IpUsageError($"Command \"{command}\" is unknown, try \"ip netns help\".");
    }

    /// <summary>Each name under /run/netns, with "(id: N)" when this namespace has an id for it.</summary>
    private static int List(IpContext ip)
    {
        foreach (var ns in ip.World.NamedNamespaces)
        {
            var id = ip.Namespace.ExistingPeerId(ns);
            ip.Out.WriteLine(id is null ? ns.Name : $"{ns.Name} (id: {id.Value})");
        }
        return 0;
    }

    private static string Name(IpArguments args)
    {
        if (!args.HasMore) throw new IpUsageError("No netns name specified", IpUsageError.Failure);
        var name = args.Next();
        if (name.Length == 0 || name.Contains('/') || name is "." or "..")
            throw new IpUsageError($"Invalid netns name \"{name}\"", IpUsageError.Failure);
        return name;
    }

    private static int Add(IpContext ip, IpArguments args)
    {
        var name = Name(args);
        if (ip.World.FindNamespace(name) != null)
            throw new IpUsageError($"Cannot create namespace file \"/run/netns/{name}\": File exists", IpUsageError.Failure);
        ip.World.CreateNamespace(name);
        return 0;
    }

    private static int Delete(IpContext ip, IpArguments args)
    {
        if (args.HasMore && args.Current == "-all") throw IpUsageError.NotModelled("ip netns delete -all");
        var name = Name(args);
        var ns = ip.World.FindNamespace(name)
                 ?? throw new IpUsageError($"Cannot remove namespace file \"/run/netns/{name}\": No such file or directory", IpUsageError.Failure);
        ip.World.DeleteNamespace(ns);
        return 0;
    }

    /// <summary>The name of the namespace ip runs in, if it has one; nothing for the initial namespace.</summary>
    private static int Identify(IpContext ip, IpArguments args)
    {
        if (args.HasMore) throw IpUsageError.NotModelled("ip netns identify PID (the model runs no processes)");
        if (ip.Namespace.Name is { } name) ip.Out.WriteLine(name);
        return 0;
    }

    /// <summary>The processes in a namespace: the model runs none that outlive their command.</summary>
    private static int Pids(IpContext ip, IpArguments args)
    {
        var name = Name(args);
        if (ip.World.FindNamespace(name) is null)
            throw new IpUsageError("Cannot open network namespace: No such file or directory", IpUsageError.Failure);
        return 0;
    }

    /// <summary>
    /// Runs the rest of the line inside the namespace, through the shell (so shell utilities and
    /// every command work there); a program that does not exist fails as execvp does.
    /// </summary>
    private static int Exec(IpContext ip, IpArguments args)
    {
        var name = Name(args);
        if (!args.HasMore) throw new IpUsageError("No command specified", IpUsageError.Failure);
        var argv = args.Rest();
        NetworkNamespace? ns = ip.World.FindNamespace(name);
        if (ns is null)
            throw new IpUsageError($"Cannot open network namespace \"{name}\": No such file or directory", IpUsageError.Exit);
        var invocation = ip.Invocation;
        var status = invocation.Machine.Shell.RunCommand(invocation.Context.WithNamespace(name, argv));
        if (status is null)
        {
            ip.Err.WriteLine($"exec of \"{argv[0]}\" failed: No such file or directory");
            return 1;
        }
        return status.Value;
    }
}
