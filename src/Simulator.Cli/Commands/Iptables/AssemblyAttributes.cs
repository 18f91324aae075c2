using System.Runtime.CompilerServices;

// The iptables front-end's parts (getopt, formats, extensions) are tested one by one.
[assembly: InternalsVisibleTo("Simulator.Cli.Tests")]
