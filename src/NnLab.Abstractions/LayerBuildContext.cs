using System.Numerics;

namespace NnLab;

/// <summary>What a layer learns when it is built: its place in the model and the services it may use.</summary>
/// <typeparam name="T">The element type of the run: double (float64) or float (float32).</typeparam>
public sealed class LayerBuildContext<T> where T : IFloatingPointIeee754<T>
{
    public LayerBuildContext(int index, int inputSize, IRandomSource random, IMatrixOperations<T> operations,
        Func<ComponentRef, IInitializer> createInitializer)
    {
        Index = index;
        InputSize = inputSize;
        Random = random;
        Operations = operations;
        _createInitializer = createInitializer;
    }

    private readonly Func<ComponentRef, IInitializer> _createInitializer;

    /// <summary>Zero-based position of the layer in the model.</summary>
    public int Index { get; }

    /// <summary>Number of input features (rows of the input matrix).</summary>
    public int InputSize { get; }

    /// <summary>The experiment's random stream; initializers draw from it in model order.</summary>
    public IRandomSource Random { get; }

    public IMatrixOperations<T> Operations { get; }

    /// <summary>
    /// How many more parameter values the model may create (NnLab's MaxParameters limit, less what earlier layers
    /// made); <see cref="CreateParameter"/> refuses a parameter past it before allocating. Unbounded by default.
    /// </summary>
    public long ParameterBudget { get; init; } = long.MaxValue;

    /// <summary>Parameter values this layer created so far through <see cref="CreateParameter"/>.</summary>
    public long ParametersCreated { get; private set; }

    /// <summary>Resolves an initializer named in the layer's options through the registry.</summary>
    public IInitializer CreateInitializer(ComponentRef reference) => _createInitializer(reference);

    /// <summary>
    /// Creates the parameter <paramref name="name"/> of shape (rows × cols) and fills it with <paramref name="initializer"/>.
    /// </summary>
    public Parameter<T> CreateParameter(string name, int rows, int cols, ComponentRef initializer, ParameterRole role)
    {
        // Initializers draw in float64 from the numpy stream; float32 runs round the values once, as
        // numpy's astype(np.float32) would, so both precisions start from the same weights.
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(cols);
        long count = (long)rows * cols;
        if (count > Array.MaxLength || ParametersCreated + count > ParameterBudget)
            throw new InvalidOperationException(
                $"parameter {name} would hold {rows} × {cols} = {count} values, past the model's limit of {(ParameterBudget == long.MaxValue ? Array.MaxLength : Math.Min(ParameterBudget, Array.MaxLength))} more");
        ParametersCreated += count;
        var value = new Matrix<double>(rows, cols);
        CreateInitializer(initializer).Initialize(value, new InitializerContext(rows, cols, role, Random));
        return new Parameter<T>(name, value as Matrix<T> ?? value.ConvertTo<T>());
    }
}
