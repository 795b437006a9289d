namespace NnLab.Runner;

/// <summary>The names of the files a run folder holds.</summary>
public static class RunFiles
{
    public const string Config = "config.yaml";
    public const string ResolvedConfig = "config.resolved.yaml";
    public const string Costs = "cost.csv";
    public const string Predictions = "predictions.csv";
    public const string Weights = "weights.json";
    public const string Summary = "summary.json";
    public const string Log = "log.jsonl";
}
