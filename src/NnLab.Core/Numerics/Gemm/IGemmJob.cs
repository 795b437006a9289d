namespace NnLab.Numerics.Gemm;

/// <summary>What a worker runs: a split product of any element type, seen only as chunks to take.</summary>
internal interface IGemmJob
{
    /// <summary>Takes and computes chunks until none is left.</summary>
    void RunChunks();
}
