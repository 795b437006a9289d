using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments.Loading;

/// <summary>
/// Turns the sources' text cells into the experiment's matrices: checks the columns the inputs and targets use,
/// numbers string class labels in sorted order, assigns rows to splits, derives the features and fits the
/// normalisation on the training rows only. Every bad cell is reported where it was written.
/// </summary>
internal sealed class DataShaper
{
    // Beyond this, more cell errors from one source would only bury the first ones.
    private const int MaxCellErrors = 20;

    private readonly ErrorCollector _errors;
    private readonly YamlMappingNode _section;

    public DataShaper(ErrorCollector errors, YamlMappingNode section)
    {
        _errors = errors;
        _section = section;
    }

    private sealed record Source(SourceTable Table, string? Split, double[][] Inputs, double[][] Targets, string[][] Cells);

    // A table with the split its rows go to (null: assigned), and one row with its split. Classes, not value tuples: the
    // queries below then run the precompiled shared code instead of being JIT-compiled for a tuple type on every load.
    private sealed record SplitTable(SourceTable Table, string? Split);

    private sealed record SplitRow(Source Source, int Row, string Split)
    {
        public double[] Inputs => Source.Inputs[Row];

        public double[] Targets => Source.Targets[Row];
    }

    public ExperimentData? Shape(SourceTable main, IReadOnlyList<Feature> features, IReadOnlyList<NamedNode> targets,
        SplitOptions? split, NormalizeMethod normalize, SourceTable? validation, SourceTable? test)
    {
        int errorsBefore = _errors.Count;
        var usedColumns = features.SelectMany(f => f.Columns).Select(c => c.Name).Distinct().Concat(targets.Select(t => t.Name)).ToList();
        var tables = new SplitTable[] { new(main, null), new(validation!, DataSplit.ValidationName), new(test!, DataSplit.TestName) }
            .Where(t => t.Table is not null).ToList();
        var labels = ClassLabels(tables.Select(t => t.Table).ToList(), targets);
        var sources = tables.Select(t => Read(t.Table, t.Split, features, targets, labels)).ToList();
        if (_errors.Count != errorsBefore || sources.Any(s => s is null)) return null;

        string[]? mainSplits = AssignSplits(sources[0]!, split, targets, labels);
        if (mainSplits is null) return null;
        var rows = new List<SplitRow>();
        foreach (var source in sources)
            for (int r = 0; r < source!.Inputs.Length; r++) rows.Add(new SplitRow(source, r, source.Split ?? mainSplits[r]));
        var bySplit = SplitAssigner.Names.ToDictionary(name => name, name => rows.Where(r => r.Split == name).ToList());

        var trainRows = bySplit[DataSplit.TrainName];
        var inputNames = features.Select(f => f.Name).ToList();
        var train = Matrices(trainRows, features.Count, targets.Count);
        var normalization = Fit(normalize, train.Inputs, inputNames);
        if (normalize != NormalizeMethod.None && normalization is null) return null;
        DataSplit? Held(string name)
        {
            if (bySplit[name].Count == 0) return null;
            var (inputs, targetMatrix) = Matrices(bySplit[name], features.Count, targets.Count);
            normalization?.Apply(inputs);
            return new DataSplit(inputs, targetMatrix);
        }
        normalization?.Apply(train.Inputs);

        var table = new DataTable(usedColumns, rows.Select(r => r.Source.Cells[r.Row]).ToList(), rows.Select(r => r.Split).ToList());
        return new ExperimentData(train.Inputs, train.Targets, inputNames, targets.Select(t => t.Name).ToList())
        {
            Validation = Held(DataSplit.ValidationName),
            Test = Held(DataSplit.TestName),
            ClassLabels = labels,
            Normalization = normalization,
            Features = features.Select(f => new InputFeature(f.Name, f.Columns.Select(c => c.Name).ToList())).ToList(),
            Table = table,
        };
    }

    /// <summary>
    /// The class names when the (single) target column holds text, sorted ordinally across every source; null for
    /// numeric targets.
    /// </summary>
    private IReadOnlyList<string>? ClassLabels(IReadOnlyList<SourceTable> tables, IReadOnlyList<NamedNode> targets)
    {
        var textual = targets.Where(t => tables.Any(table => HoldsText(table, t.Name))).ToList();
        if (textual.Count == 0) return null;
        if (targets.Count > 1)
        {
            _errors.At(textual[0].Node, textual[0].Path,
                $"column '{textual[0].Name}' holds text; class labels must be the only target column (or give one-hot numeric columns)");
            return null;
        }
        var names = tables.SelectMany(table => table.IndexOf(targets[0].Name) is var c and >= 0 ? table.Rows.Select(r => r[c]) : [])
            .Where(label => label.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();
        // The labels are returned even when refused, so the column's cells are not also reported as non-numbers.
        if (names.Count < 2)
            _errors.At(targets[0].Node, targets[0].Path,
                $"the target column '{targets[0].Name}' has only one class ('{names.FirstOrDefault()}'); a classifier needs at least two");
        return names;
    }

    private static bool HoldsText(SourceTable table, string column)
    {
        int c = table.IndexOf(column);
        return c >= 0 && table.Rows.Any(r => r[c].Length > 0 && ScalarText.ParseNumber(r[c], out _) == NumberKind.NotANumber);
    }

    /// <summary>One source's inputs (features derived) and targets, row by row, or null after reporting.</summary>
    private Source? Read(SourceTable table, string? split, IReadOnlyList<Feature> features, IReadOnlyList<NamedNode> targets,
        IReadOnlyList<string>? labels)
    {
        int errorsBefore = _errors.Count;
        // Column indexes found in loops: queries yielding int are not in the precompiled code, and were compiled on every load.
        var featureColumns = new int[features.Count][];
        int widest = 0;
        for (int f = 0; f < features.Count; f++)
        {
            var columns = features[f].Columns;
            featureColumns[f] = new int[columns.Count];
            for (int k = 0; k < columns.Count; k++) featureColumns[f][k] = Index(table, columns[k]);
            widest = Math.Max(widest, columns.Count);
        }
        var targetColumns = new int[targets.Count];
        for (int t = 0; t < targets.Count; t++) targetColumns[t] = Index(table, targets[t]);
        if (_errors.Count != errorsBefore) return null;

        int cellErrors = 0;
        var classOf = labels?.Select((name, index) => (name, index)).ToDictionary(p => p.name, p => p.index);
        var inputs = new double[table.Rows.Count][];
        var targetRows = new double[table.Rows.Count][];
        Span<double> factors = stackalloc double[widest];
        for (int r = 0; r < table.Rows.Count; r++)
        {
            inputs[r] = new double[features.Count];
            for (int f = 0; f < features.Count; f++)
            {
                for (int k = 0; k < featureColumns[f].Length; k++)
                    factors[k] = Number(table, r, featureColumns[f][k], ref cellErrors);
                inputs[r][f] = features[f].Evaluate(factors[..featureColumns[f].Length]);
            }
            targetRows[r] = new double[targets.Count];
            for (int t = 0; t < targets.Count; t++)
                targetRows[r][t] = classOf is null
                    ? Number(table, r, targetColumns[t], ref cellErrors)
                    : Label(table, r, targetColumns[t], classOf, ref cellErrors);
        }
        if (cellErrors > MaxCellErrors)
            _errors.At(Location(table, table.Rows.Count - 1, 0), Key(table), $"{cellErrors - MaxCellErrors} more bad cells in {table.Description} not shown");
        if (_errors.Count != errorsBefore) return null;
        var used = UsedColumns(featureColumns, targetColumns);
        // Trials of a sweep that read one source share these (and the text in them).
        var cells = _errors.Sources.Cells(table.Rows, used);
        return new Source(table, split, inputs, targetRows, cells);
    }

    /// <summary>The features' columns, each once in order of first use, then the targets' columns.</summary>
    private static int[] UsedColumns(int[][] featureColumns, int[] targetColumns)
    {
        var (used, seen) = (new List<int>(), new HashSet<int>());
        foreach (var columns in featureColumns)
            foreach (int c in columns)
                if (seen.Add(c)) used.Add(c);
        used.AddRange(targetColumns);
        return used.ToArray();
    }

    private int Index(SourceTable table, NamedNode column)
    {
        int index = table.IndexOf(column.Name);
        if (index < 0)
            _errors.At(column.Node, column.Path,
                NotInTable(column.Name, table));
        return index;
    }

    private double Number(SourceTable table, int row, int column, ref int cellErrors)
    {
        string text = table.Rows[row][column];
        string? problem = ScalarText.ParseNumber(text, out double value) switch
        {
            NumberKind.Finite => null,
            NumberKind.NonFinite => $"must be a finite number, got '{text}'",
            _ when text.Length == 0 => "expected a number, got an empty cell",
            _ => $"expected a number, got '{text}'",
        };
        if (problem is not null && ++cellErrors <= MaxCellErrors)
            _errors.At(Location(table, row, column), Key(table), $"column '{table.Columns[column]}': {problem}");
        return value;
    }

    private double Label(SourceTable table, int row, int column, Dictionary<string, int> classOf, ref int cellErrors)
    {
        string text = table.Rows[row][column];
        if (text.Length > 0) return classOf[text];
        if (++cellErrors <= MaxCellErrors)
            _errors.At(Location(table, row, column), Key(table), $"column '{table.Columns[column]}': expected a class label, got an empty cell");
        return 0;
    }

    /// <summary>Each row of the main source's split, or null after reporting.</summary>
    private string[]? AssignSplits(Source main, SplitOptions? options, IReadOnlyList<NamedNode> targets, IReadOnlyList<string>? labels)
    {
        int rows = main.Inputs.Length;
        if (options is null) return Enumerable.Repeat(DataSplit.TrainName, rows).ToArray();
        var splitNode = MappingKeys.Find(_section, DataSectionReader.Split)!;
        string path = YamlPath.Key(DataSectionReader.Path, DataSectionReader.Split);
        if (options.Column is { } column) return SplitsFromColumn(main.Table, column, splitNode, path);

        int[]? classes = null;
        if (options.Method == SplitMethod.Stratified && (classes = Classes(main, targets)) is null)
        {
            _errors.At(splitNode, path, "a stratified split needs class targets: one column of class labels or of class indices 0, 1, 2, …");
            return null;
        }
        var (splits, problem) = SplitAssigner.Assign(rows, options, classes, labels);
        if (problem is not null) _errors.At(splitNode, path, problem);
        return splits;
    }

    private static int[]? Classes(Source source, IReadOnlyList<NamedNode> targets)
    {
        if (targets.Count != 1) return null;
        var classes = new int[source.Targets.Length];
        for (int r = 0; r < classes.Length; r++)
        {
            double v = source.Targets[r][0];
            if (v < 0 || v != Math.Floor(v) || v > 1_000_000) return null;
            classes[r] = (int)v;
        }
        return classes;
    }

    private string[]? SplitsFromColumn(SourceTable table, string column, YamlNode node, string path)
    {
        int c = table.IndexOf(column);
        if (c < 0)
        {
            _errors.At(node, YamlPath.Key(path, "column"), NotInTable(column, table));
            return null;
        }
        var splits = table.Rows.Select(r => r[c]).ToArray();
        int errorsBefore = _errors.Count;
        for (int r = 0; r < splits.Length && _errors.Count - errorsBefore < MaxCellErrors; r++)
            if (!SplitAssigner.Names.Contains(splits[r]))
                _errors.At(Location(table, r, c), path, $"column '{column}' must say train, validation or test, got '{splits[r]}'");
        if (_errors.Count == errorsBefore && !splits.Contains(DataSplit.TrainName))
            _errors.At(node, path, $"column '{column}' puts no row in the train split");
        return _errors.Count == errorsBefore ? splits : null;
    }

    private Normalization? Fit(NormalizeMethod method, Matrix<double> training, IReadOnlyList<string> names)
    {
        if (method == NormalizeMethod.None) return null;
        var (fitted, constant) = Normalization.Fit(method, training, names);
        if (fitted is not null) return fitted;
        var node = MappingKeys.Find(_section, DataSectionReader.Normalize)!;
        string first = $"'{names[constant[0]]}' (every value is {YamlScalarFormatter.Format(training[constant[0], 0])})";
        string which = constant.Count == 1
            ? $"input '{names[constant[0]]}' does not vary in the training split (every value is {YamlScalarFormatter.Format(training[constant[0], 0])}), so it cannot be scaled; drop it"
            : $"{constant.Count} inputs do not vary in the training split: {first}, {string.Join(", ", constant.Skip(1).Take(9).Select(i => $"'{names[i]}'"))}{(constant.Count > 10 ? ", …" : "")}; they cannot be scaled: drop them";
        _errors.At(node, YamlPath.Key(DataSectionReader.Path, DataSectionReader.Normalize), $"{which} from the inputs or use normalize: none");
        return null;
    }

    private static (Matrix<double> Inputs, Matrix<double> Targets) Matrices(IReadOnlyList<SplitRow> rows, int inputCount, int targetCount)
    {
        var inputs = new Matrix<double>(inputCount, rows.Count);
        var targets = new Matrix<double>(targetCount, rows.Count);
        for (int j = 0; j < rows.Count; j++)
        {
            for (int i = 0; i < inputCount; i++) inputs[i, j] = rows[j].Inputs[i];
            for (int i = 0; i < targetCount; i++) targets[i, j] = rows[j].Targets[i];
        }
        return (inputs, targets);
    }

    private static string NotInTable(string column, SourceTable table) =>
        $"column '{column}' is not in {table.Description}{Suggest.Hint(column, table.Columns)} Its columns are: {string.Join(", ", table.Columns)}.";

    private SourceLocation Location(SourceTable table, int row, int column) =>
        table.CellLocation(row, column) ?? _errors.Locations.Of(table.Node);

    private static string Key(SourceTable table) => table.KeyPath;
}
