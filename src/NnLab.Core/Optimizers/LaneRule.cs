using System.Numerics;

namespace NnLab.Optimizers;

/// <summary>The update rules that trials trained together (<see cref="Training.Lanes.LaneTrainer{T}"/>) can apply lane by lane.</summary>
internal enum LaneRule
{
    GradientDescent,
    Momentum,
    Nesterov,
    Adam,
}

/// <summary>
/// An optimizer whose update another trainer may apply on its behalf, lane by lane: it names its rule and gives the
/// scalars of step <c>step</c> exactly as its own <c>Step</c> rounds them, so a lane's update has the trial's bits.
/// </summary>
internal interface ILaneOptimizer<T> where T : IFloatingPointIeee754<T>
{
    LaneRule Rule { get; }

    /// <summary>Step <paramref name="step"/>'s scalars: the rate, and μ (momentum) or Adam's, rounded to T as <c>Step</c> does.</summary>
    LaneScalars<T> ScalarsAt(int step);

    /// <summary>Whether <see cref="ScalarsAt"/> gives the same scalars at every step (no schedule, no bias correction).</summary>
    bool SameScalarsEveryStep { get; }
}

/// <summary>One step's scalars for one lane; the fields a rule does not use stay zero.</summary>
internal readonly record struct LaneScalars<T>(T Rate, T Mu = default!, AdamScalars<T> Adam = default) where T : IFloatingPointIeee754<T>;
