using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace NnLab.Layers;

public sealed class LinearOptions
{
    [Required, Range(1, int.MaxValue), Description("number of neurons (rows of W)")]
    public int Units { get; set; }

    [Description("weight initializer: a name, a mapping with name, or explicit values (n_out × n_in)")]
    public ComponentRef Init { get; set; } = "plain";

    [Description("whether the layer adds a bias b (n_out × 1)")]
    public bool Bias { get; set; } = true;

    [Description("bias initializer")]
    public ComponentRef BiasInit { get; set; } = "zeros";
}
