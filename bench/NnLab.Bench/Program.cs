using NnLab.Bench;

// Usage: NnLab.Bench <peak|xor|digits|digits-mb64|wide|wide-mb128> [options] (see BenchOptions.Usage).
BenchDriver.Run(args, Console.Out);
