using Simulator.Bench;

// netsim-bench: run with a Release build, e.g.
//   dotnet run -c Release --project bench/Simulator.Bench -- all
var benchmarks = BenchmarkCatalog.All();
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine("Usage: netsim-bench NAME|all [--seconds N]");
    Console.WriteLine("Benchmarks:");
    foreach (var (name, description, _) in benchmarks) Console.WriteLine($"  {name,-16} {description}");
    return args.Length == 0 ? 2 : 0;
}
double seconds = 3;
for (int i = 1; i < args.Length; i++)
    if (args[i] == "--seconds" && i + 1 < args.Length) seconds = double.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
var selected = args[0] == "all" ? benchmarks : benchmarks.Where(b => b.Name == args[0]).ToList();
if (selected.Count == 0)
{
    Console.Error.WriteLine($"netsim-bench: unknown benchmark \"{args[0]}\"");
    return 2;
}
foreach (var (name, _, run) in selected)
{
    Console.WriteLine($"== {name}");
    run(seconds);
}
return 0;
