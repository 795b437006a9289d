using System.Runtime.CompilerServices;

// The micro-benchmarks time FastGemm<T> directly, for float as well as double, before any public float32 API exists.
[assembly: InternalsVisibleTo("NnLab.Benchmarks")]
