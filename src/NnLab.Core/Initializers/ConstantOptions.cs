using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace NnLab.Initializers;

public sealed class ConstantOptions
{
    [Required, Description("the value every element gets")]
    public double Value { get; set; }
}
