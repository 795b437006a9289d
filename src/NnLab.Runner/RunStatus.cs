namespace NnLab.Runner;

/// <summary>How a run ended; written to summary.json in snake case.</summary>
public enum RunStatus
{
    Completed,
    Cancelled,
    Diverged,

    /// <summary>Building or training the model threw; the reason holds the message, log.jsonl the stack trace.</summary>
    Failed,

    /// <summary>
    /// Written when the run starts and replaced when it ends: a summary still saying running belongs to a run that is
    /// training, or was killed (<c>nnlab run --resume</c> continues it).
    /// </summary>
    Running,
}
