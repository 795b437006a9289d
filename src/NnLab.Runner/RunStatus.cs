namespace NnLab.Runner;

/// <summary>How a run ended; written to summary.json in snake case.</summary>
public enum RunStatus
{
    Completed,
    Cancelled,
    Diverged,

    /// <summary>Building or training the model threw; the reason holds the message, log.jsonl the stack trace.</summary>
    Failed,
}
