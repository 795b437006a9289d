namespace NnLab;

/// <summary>
/// Optional: a layer (or a cost) that states its formulas, so <c>nnlab trace</c> can print them beside its numbers,
/// as the tutorial's hand calculation does. A layer that does not implement it is traced all the same: with its
/// name, the values it returns and a numeric local gradient.
/// </summary>
/// <remarks>
/// Write the formulas with placeholders the trace replaces by the node's names: <c>{in}</c> for the layer's input,
/// <c>{out}</c> for its output and <c>{P}</c> for its parameter named P (<c>{W}</c>, <c>{b}</c>). A sigmoid layer
/// states <c>"{out} = σ({in}) = 1/(1 + e^−{in})"</c> and <c>"∂{out}/∂{in} = {out} ⊙ (1 − {out})"</c>, which the trace
/// of the tutorial's 2-3-1 network prints as <c>A[1] = σ(Z[1]) = …</c> and <c>∂A[1]/∂Z[1] = A[1] ⊙ (1 − A[1])</c>.
/// For a cost, <c>{in}</c> is the network's output (Ŷ, or the logits for a cost fused with its activation) and
/// <c>{out}</c> is <c>Cost</c>. The strings are only printed: nothing parses or evaluates them.
/// </remarks>
public interface IDescribesGradient
{
    /// <summary>What the forward pass computes, e.g. <c>"{out} = {W}·{in} + {b}"</c>.</summary>
    string ForwardFormula { get; }

    /// <summary>The local gradient(s) the backward pass multiplies the upstream gradient by, e.g. <c>"∂{out}/∂{in} = 1 − {out}²"</c>.</summary>
    string LocalGradientFormula { get; }
}
