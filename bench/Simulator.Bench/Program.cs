Console.Error.WriteLine("netsim-bench: no benchmarks yet");
return 2;
