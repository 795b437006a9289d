using System.Numerics;
using NnLab.Training;
using NnLab.Training.Lanes;

namespace NnLab.Runner.Training;

/// <summary>
/// Trains many sessions (a sweep's trials), those that can share a pass side by side in lanes
/// (<see cref="LaneTrainer{T}"/>: same model shape, batching and epochs; built-in layers, costs and optimizers; no
/// validation split or early stopping) and the rest one after another. Each session's result, recorded costs and
/// final weights are those its own <see cref="ExperimentSession.Train"/> gives, bit for bit.
/// </summary>
public static class TogetherTraining
{
    /// <summary>
    /// Trains every session once, with its own observer; returns, in order, each one's result or the exception its
    /// training threw. Sessions are packed in the order given: consecutive compatible sessions share a pass.
    /// </summary>
    public static IReadOnlyList<(TrainingResult? Result, Exception? Error)> Train(IReadOnlyList<ExperimentSession> sessions,
        IReadOnlyList<ITrainingObserver> observers, CancellationToken cancellation = default)
    {
        if (sessions.Count != observers.Count) throw new ArgumentException("one observer per session");
        var outcomes = new (TrainingResult?, Exception?)[sessions.Count];
        if (sessions.All(s => s is ExperimentSession<double>))
            InLanes(sessions.Cast<ExperimentSession<double>>().ToList(), observers, outcomes, cancellation);
        else if (sessions.All(s => s is ExperimentSession<float>))
            InLanes(sessions.Cast<ExperimentSession<float>>().ToList(), observers, outcomes, cancellation);
        for (int i = 0; i < sessions.Count; i++)
        {
            if (outcomes[i] != default) continue;
            try
            {
                outcomes[i] = (sessions[i].Train(observers[i], null, cancellation), null);
            }
            catch (Exception e)
            {
                outcomes[i] = (null, e);
            }
        }
        return outcomes;
    }

    /// <summary>Trains the sessions that fit in lanes, in packs of consecutive compatible ones; leaves the others' outcomes unset.</summary>
    private static void InLanes<T>(IReadOnlyList<ExperimentSession<T>> sessions, IReadOnlyList<ITrainingObserver> observers,
        (TrainingResult?, Exception?)[] outcomes, CancellationToken cancellation) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var members = sessions.Select((s, i) => s.ClaimForLanes(observers[i]) is { } m && LaneTrainer<T>.Supports(m) ? m : null).ToArray();
        for (int start = 0; start < members.Length; start++)
        {
            if (members[start] is not { } first) continue;
            var pack = new List<int> { start };
            for (int j = start + 1; j < members.Length && pack.Count < LaneTrainer<T>.Width; j++)
                if (members[j] is { } m && LaneTrainer<T>.Compatible(first, m)) pack.Add(j);
            // A pass of one gains nothing over the trial's own loop: it trains alone.
            if (pack.Count == 1) continue;
            var packed = pack.Select(i => members[i]!).ToList();
            foreach (int i in pack)
            {
                sessions[i].MarkTrained();
                members[i] = null;
            }
            try
            {
                var results = LaneTrainer<T>.Train(packed, cancellation);
                for (int k = 0; k < pack.Count; k++) outcomes[pack[k]] = (results[k], null);
            }
            catch (Exception e)
            {
                foreach (int i in pack) outcomes[i] = (null, e);
            }
        }
    }
}
