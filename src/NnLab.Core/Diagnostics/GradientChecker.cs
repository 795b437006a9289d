namespace NnLab.Diagnostics;

/// <summary>
/// Compares a layer's or a cost's analytic gradients with central finite differences. For a layer the scalar
/// checked is L = Σ output ⊙ R for a fixed random R, so every output element's gradient path is exercised.
/// </summary>
public static class GradientChecker
{
    public const double DefaultStep = 1e-6;

    /// <summary>Checks a built <paramref name="layer"/> at <paramref name="input"/> (inputSize × m).</summary>
    public static GradientCheckResult CheckLayer(string subject, ILayer<double> layer, int outputSize, Matrix<double> input,
        IRandomSource random, double step = DefaultStep)
    {
        var output = new Matrix<double>(outputSize, input.Cols);
        var upstream = RandomMatrix(outputSize, input.Cols, random);
        var inputGradient = new Matrix<double>(input.Rows, input.Cols);
        layer.Forward(input, output);
        layer.Backward(input, output, upstream, inputGradient);

        double Objective()
        {
            layer.Forward(input, output);
            double s = 0;
            for (int i = 0; i < output.Length; i++) s += output.Data[i] * upstream.Data[i];
            return s;
        }

        var errors = new Dictionary<string, double> { ["input"] = Compare(input, inputGradient, Objective, step) };
        foreach (var p in layer.Parameters)
            errors[p.Name] = Compare(p.Value, p.Gradient.Clone(), Objective, step);
        return new GradientCheckResult(subject, errors);
    }

    /// <summary>Checks dCost/dPredictions at <paramref name="predictions"/>.</summary>
    public static GradientCheckResult CheckCost(string subject, ICost<double> cost, Matrix<double> predictions, Matrix<double> targets,
        double step = DefaultStep)
    {
        var gradient = new Matrix<double>(predictions.Rows, predictions.Cols);
        cost.Evaluate(predictions, targets, gradient);
        double error = Compare(predictions, gradient, () => cost.Evaluate(predictions, targets, null), step);
        return new GradientCheckResult(subject, new Dictionary<string, double> { ["predictions"] = error });
    }

    public static Matrix<double> RandomMatrix(int rows, int cols, IRandomSource random)
    {
        var m = new Matrix<double>(rows, cols);
        for (int i = 0; i < m.Length; i++) m.Data[i] = random.NextGaussian();
        return m;
    }

    /// <summary>Max over elements of |analytic − numeric| / max(|analytic| + |numeric|, 1e-7).</summary>
    private static double Compare(Matrix<double> variable, Matrix<double> analytic, Func<double> objective, double step)
    {
        double worst = 0;
        for (int i = 0; i < variable.Length; i++)
        {
            double saved = variable.Data[i];
            variable.Data[i] = saved + step;
            double plus = objective();
            variable.Data[i] = saved - step;
            double minus = objective();
            variable.Data[i] = saved;
            double numeric = (plus - minus) / (2 * step);
            double a = analytic.Data[i];
            worst = Math.Max(worst, Math.Abs(a - numeric) / Math.Max(Math.Abs(a) + Math.Abs(numeric), 1e-7));
        }
        return worst;
    }
}
