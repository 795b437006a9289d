namespace NnLab.Costs;

/// <summary>
/// −1/m·Σ[y·log p + (1 − y)·log(1 − p)] on probabilities p, clipped to [1e-7, 1 − 1e-7] as Keras does, so a
/// saturated sigmoid gives a large finite cost instead of infinity. Where the clip is active the gradient is 0.
/// </summary>
[Register("binary_cross_entropy", Description = "-1/m * sum(y*log(p) + (1-y)*log(1-p)), p clipped to [1e-7, 1-1e-7]")]
public sealed class BinaryCrossEntropyCost : ICost
{
    public const double Epsilon = 1e-7;

    public double Evaluate(Matrix predictions, Matrix targets, Matrix? gradient)
    {
        int m = targets.Cols;
        var p = predictions.Data; var y = targets.Data;
        double sum = 0;
        for (int i = 0; i < p.Length; i++)
        {
            double clipped = Math.Clamp(p[i], Epsilon, 1 - Epsilon);
            sum += y[i] * Math.Log(clipped) + (1 - y[i]) * Math.Log(1 - clipped);
            if (gradient is null) continue;
            bool inside = p[i] > Epsilon && p[i] < 1 - Epsilon;
            gradient.Data[i] = inside ? (-y[i] / clipped + (1 - y[i]) / (1 - clipped)) / m : 0.0;
        }
        return -sum / m;
    }
}
