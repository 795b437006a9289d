using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace NnLab.Plugins.Swish;

public sealed class SwishOptions
{
    [Range(0.0, 100.0), Description("β in Z·σ(βZ); β = 1 is SiLU")]
    public double Beta { get; set; } = 1.0;
}
