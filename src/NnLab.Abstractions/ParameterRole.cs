namespace NnLab;

/// <summary>What a parameter is for, so an initializer can treat weights and biases differently.</summary>
public enum ParameterRole
{
    Weight,
    Bias,
}
