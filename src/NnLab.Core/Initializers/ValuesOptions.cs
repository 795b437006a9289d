using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace NnLab.Initializers;

public sealed class ValuesOptions
{
    [Required, Description("explicit values, as rows: W is (n_out × n_in), b is (n_out × 1)")]
    public double[][] Values { get; set; } = [];
}
