using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using NnLab.Experiments;

namespace NnLab.Runner.Hosting;

/// <summary>
/// Reads <see cref="NnLabOptions"/> from a configuration section: <c>Plugins</c> as a list, each limit as a positive
/// whole number, refusing anything else with the key and the value.
/// </summary>
internal sealed class NnLabOptionsReader(IConfiguration section) : IConfigureOptions<NnLabOptions>
{
    public void Configure(NnLabOptions options)
    {
        if (section.GetSection(nameof(NnLabOptions.Plugins)).Get<string[]>() is { Length: > 0 } plugins)
            options.Plugins = [.. options.Plugins, .. plugins];
        options.Limits = ReadLimits(section.GetSection(nameof(NnLabOptions.Limits)), options.Limits);
    }

    /// <summary>The limits, each replaced by the section's value where it sets one.</summary>
    private static InputLimits ReadLimits(IConfiguration limits, InputLimits current)
    {
        long Read(string name, long value)
        {
            string? text = limits[name];
            if (text is null) return value;
            if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long parsed) && parsed > 0) return parsed;
            throw new InvalidOperationException($"{InputLimits.Section}:{name} must be a positive whole number, got '{text}'");
        }
        return current with
        {
            // Deeper than a thousand levels the parser's recursion could overflow the stack: that bound cannot be raised.
            MaxDepth = (int)Math.Min(Read(nameof(current.MaxDepth), current.MaxDepth), NnLabOptionsValidator.MaxDepth),
            MaxNodes = Read(nameof(current.MaxNodes), current.MaxNodes),
            MaxDocumentBytes = Math.Min(Read(nameof(current.MaxDocumentBytes), current.MaxDocumentBytes), int.MaxValue / 2),
            MaxCsvBytes = Math.Min(Read(nameof(current.MaxCsvBytes), current.MaxCsvBytes), Array.MaxLength),
            MaxCsvLineLength = (int)Math.Min(Read(nameof(current.MaxCsvLineLength), current.MaxCsvLineLength), int.MaxValue),
            MaxParameters = Read(nameof(current.MaxParameters), current.MaxParameters),
            MaxSweepNodes = Read(nameof(current.MaxSweepNodes), current.MaxSweepNodes),
            MaxSweepDataValues = Read(nameof(current.MaxSweepDataValues), current.MaxSweepDataValues),
        };
    }
}

/// <summary>Refuses options set in code that configuration could not hold: a limit below 1, MaxDepth above 1000, no limits.</summary>
internal sealed class NnLabOptionsValidator : IValidateOptions<NnLabOptions>
{
    public const int MaxDepth = 1_000;

    public ValidateOptionsResult Validate(string? name, NnLabOptions options)
    {
        if (options.Limits is not { } l) return ValidateOptionsResult.Fail($"{NnLabOptions.Section}:{nameof(NnLabOptions.Limits)} must be set");
        var problems = new List<string>();
        void Positive(string key, long value)
        {
            if (value < 1) problems.Add($"{InputLimits.Section}:{key} must be a positive whole number, got {value}");
        }
        Positive(nameof(l.MaxDepth), l.MaxDepth);
        Positive(nameof(l.MaxNodes), l.MaxNodes);
        Positive(nameof(l.MaxDocumentBytes), l.MaxDocumentBytes);
        Positive(nameof(l.MaxCsvBytes), l.MaxCsvBytes);
        Positive(nameof(l.MaxCsvLineLength), l.MaxCsvLineLength);
        Positive(nameof(l.MaxParameters), l.MaxParameters);
        Positive(nameof(l.MaxSweepNodes), l.MaxSweepNodes);
        Positive(nameof(l.MaxSweepDataValues), l.MaxSweepDataValues);
        if (l.MaxDepth > MaxDepth) problems.Add($"{InputLimits.Section}:{nameof(l.MaxDepth)} must be at most {MaxDepth} (deeper, the parser could overflow the stack), got {l.MaxDepth}");
        if (options.Plugins is null) problems.Add($"{NnLabOptions.Section}:{nameof(NnLabOptions.Plugins)} must be a list (it may be empty)");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
