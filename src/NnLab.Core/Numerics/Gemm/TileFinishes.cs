using System.Numerics;
using System.Runtime.CompilerServices;

namespace NnLab.Numerics.Gemm;

/// <summary>Stores the values as they are: no epilogue, or a k slice before the last.</summary>
internal struct StoreOnly : ITileFinish
{
    public static bool AddsBias => false;
    public static bool AppliesRelu => false;
    public static bool MasksWherePositive => false;
}

/// <summary>The linear layer's bias.</summary>
internal struct AddBias : ITileFinish
{
    public static bool AddsBias => true;
    public static bool AppliesRelu => false;
    public static bool MasksWherePositive => false;
}

/// <summary>The linear layer's bias, then the ReLU above it.</summary>
internal struct AddBiasThenRelu : ITileFinish
{
    public static bool AddsBias => true;
    public static bool AppliesRelu => true;
    public static bool MasksWherePositive => false;
}

/// <summary>The ReLU above a linear layer without bias.</summary>
internal struct ApplyRelu : ITileFinish
{
    public static bool AddsBias => false;
    public static bool AppliesRelu => true;
    public static bool MasksWherePositive => false;
}

/// <summary>The ReLU's gradient below a linear layer's input gradient.</summary>
internal struct MaskWherePositive : ITileFinish
{
    public static bool AddsBias => false;
    public static bool AppliesRelu => false;
    public static bool MasksWherePositive => true;
}

/// <summary>The scalar form of a finish, for edge tiles and the scalar kernel.</summary>
internal static class TileFinish
{
    /// <summary>Stores <paramref name="v"/> as <typeparamref name="TF"/> says; <paramref name="other"/> is at c's index in the epilogue's other operand.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store<TF, T>(T v, ref T c, ref T other, ref T bias)
        where TF : struct, ITileFinish where T : IFloatingPointIeee754<T>
    {
        if (TF.AddsBias) v += bias;
        if (TF.MasksWherePositive) v = other > T.Zero ? v : T.Zero;
        if (TF.AppliesRelu)
        {
            if (!Unsafe.AreSame(ref c, ref other)) c = v;
            other = v > T.Zero ? v : T.Zero;
        }
        else
        {
            c = v;
        }
    }
}
