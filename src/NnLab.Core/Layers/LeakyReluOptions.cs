using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace NnLab.Layers;

public sealed class LeakyReluOptions
{
    [Range(0.0, 1.0), Description("slope for Z < 0")]
    public double Alpha { get; set; } = 0.01;
}
