using NnLab.Bench;

// Usage: NnLab.Bench <peak|xor|xor-handwritten|digits|digits-mb64|wide|wide-mb128> [options] (see BenchOptions.Usage).
BenchDriver.Run(args, Console.Out);
