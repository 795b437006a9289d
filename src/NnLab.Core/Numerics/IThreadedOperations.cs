namespace NnLab.Numerics;

/// <summary>Operations that split work over threads, and how many at most.</summary>
internal interface IThreadedOperations
{
    int Threads { get; }
}
