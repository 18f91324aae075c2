Console.Error.WriteLine("netsim: not built yet");
return 2;
