namespace NnLab.Optimizers;

/// <summary>How the learning rate anneals over updates.</summary>
public enum LearningRateDecay
{
    /// <summary>Constant rate.</summary>
    None,

    /// <summary>α·rate^⌊t / steps⌋: drops by <c>decay_rate</c> every <c>decay_steps</c> updates.</summary>
    Step,

    /// <summary>α·rate^(t / steps): smooth exponential decay.</summary>
    Exponential,
}
