using System.Runtime.InteropServices;

namespace NnLab.Runner.Models.Onnx;

/// <summary>
/// Writes a loaded model as an ONNX file (IR version 7, operator set 13, float32) that computes what
/// <c>nnlab predict</c> prints from the same raw columns:
/// <list type="bullet">
/// <item>input <c>input</c>: (N × raw columns), the columns in <see cref="Model.InputColumns"/> order;</item>
/// <item>feature products as Gather + Mul nodes and a Concat (only when the features are not the columns themselves);</item>
/// <item>the normalisation as Sub(offset) then Div(scale) before the first layer, as NnLab applies it;</item>
/// <item>each layer through <see cref="IOnnxExportable"/> (linear → Gemm with W (units × inputs), transB = 1; the activations
/// to their ops); a layer without it is refused by name;</item>
/// <item>a fused-logit cost's probability op (Sigmoid, Softmax) last, so outputs are probabilities;</item>
/// <item>output <c>output</c>: (N × outputs).</item>
/// </list>
/// The file is written with a small hand-made protobuf writer (<see cref="ProtoWriter"/>): the handful of onnx.proto
/// messages needed do not justify a code generator or a runtime dependency.
/// </summary>
internal static class OnnxExporter
{
    public const int IrVersion = 7;
    public const int OpsetVersion = 13;
    public const string InputName = "input";
    public const string OutputName = "output";

    public static void Write(Model model, (IReadOnlyList<(string Name, object Layer)> Layers, (string Name, object Cost)? Probabilities) parts,
        Stream output)
    {
        var refused = parts.Layers.Select((l, i) => (l.Name, l.Layer, i)).Where(l => l.Layer is not IOnnxExportable)
            .Select(l => $"layer {l.i} '{l.Name}' has no ONNX mapping (its class does not implement IOnnxExportable)").ToList();
        if (parts.Probabilities is { } p && p.Cost is not IOnnxExportable)
            refused.Add($"cost '{p.Name}' turns logits into probabilities but has no ONNX mapping (IOnnxExportable)");
        if (refused.Count > 0) throw new ModelException($"cannot export {model.Name} to ONNX: {string.Join("; ", refused)}");

        var graph = new OnnxGraph();
        string current = Features(model, graph);
        if (model.Normalization is { } n)
        {
            int count = n.Offset.Length;
            current = graph.AddNode("Sub", [current, graph.AddConstant("offset", n.Offset.Select(v => (float)v).ToArray(), count)]);
            current = graph.AddNode("Div", [current, graph.AddConstant("scale", n.Scale.Select(v => (float)v).ToArray(), count)]);
        }
        foreach (var (_, layer) in parts.Layers) current = ((IOnnxExportable)layer).ExportOnnx(graph, current);
        if (parts.Probabilities is { } probabilities) current = ((IOnnxExportable)probabilities.Cost).ExportOnnx(graph, current);
        graph.AddNode("Identity", [current], OutputName);

        var modelProto = new ProtoWriter()
            .Varint(1, IrVersion)                       // ModelProto.ir_version
            .String(2, "nnlab")                         // producer_name
            .String(3, model.NnLabVersion)              // producer_version
            .String(6, $"NnLab model '{model.Name}': input columns {string.Join(", ", model.InputColumns)}") // doc_string
            .Message(7, graph.ToProto(model))           // graph
            .Message(8, new ProtoWriter().Varint(2, OpsetVersion)) // opset_import: default domain, version 13
            .Message(14, Entry("input_columns", string.Join(",", model.InputColumns)));  // metadata_props
        if (model.ClassLabels is { } labels) modelProto.Message(14, Entry("class_labels", string.Join(",", labels)));
        output.Write(modelProto.ToArray());
    }

    private static ProtoWriter Entry(string key, string value) => new ProtoWriter().String(1, key).String(2, value);

    /// <summary>The network's inputs from the raw columns: the input itself, or its columns gathered, multiplied and concatenated.</summary>
    private static string Features(Model model, OnnxGraph graph)
    {
        if (model.Features.Select(f => f.Name).SequenceEqual(model.InputColumns) && model.Features.All(f => !f.IsProduct)) return InputName;
        var columns = model.InputColumns.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i);
        var gathered = new Dictionary<string, string>();
        string Column(string name) => gathered.TryGetValue(name, out var value) ? value
            : gathered[name] = graph.AddNode("Gather", [InputName, graph.AddInt64Constant($"column_{columns[name]}", [columns[name]], 1)],
                OnnxAttribute.Int("axis", 1));
        var features = new List<string>();
        foreach (var feature in model.Features)
        {
            string value = Column(feature.Columns[0]);
            foreach (string factor in feature.Columns.Skip(1)) value = graph.AddNode("Mul", [value, Column(factor)]);
            features.Add(value);
        }
        return graph.AddNode("Concat", features, OnnxAttribute.Int("axis", 1));
    }

    /// <summary>The graph as nodes are added: unique value names, initializers, and the messages they become.</summary>
    private sealed class OnnxGraph : IOnnxGraph
    {
        private readonly List<ProtoWriter> _nodes = [];
        private readonly List<ProtoWriter> _initializers = [];
        private readonly HashSet<string> _names = [InputName, OutputName];

        public string AddNode(string opType, IReadOnlyList<string> inputs, params OnnxAttribute[] attributes) =>
            AddNode(opType, inputs, Unique(opType), attributes);

        public string AddNode(string opType, IReadOnlyList<string> inputs, string output, params OnnxAttribute[] attributes)
        {
            var node = new ProtoWriter();
            foreach (string input in inputs) node.String(1, input);  // NodeProto.input
            node.String(2, output)                                   // output
                .String(3, output)                                   // name
                .String(4, opType);                                  // op_type
            foreach (var attribute in attributes) node.Message(5, Attribute(attribute)); // attribute
            _nodes.Add(node);
            return output;
        }

        public string AddConstant(string nameHint, float[] values, params long[] dims) =>
            AddTensor(nameHint, 1, MemoryMarshal.AsBytes(values.AsSpan()).ToArray(), dims, values.Length);

        public string AddInt64Constant(string nameHint, long[] values, params long[] dims) =>
            AddTensor(nameHint, 7, MemoryMarshal.AsBytes(values.AsSpan()).ToArray(), dims, values.Length);

        private string AddTensor(string nameHint, int dataType, byte[] raw, long[] dims, int count)
        {
            if (dims.Aggregate(1L, (a, d) => a * d) != count)
                throw new ArgumentException($"constant '{nameHint}': {count} values do not fill shape [{string.Join(", ", dims)}]");
            if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("ONNX raw data is little-endian");
            string name = Unique(nameHint);
            var tensor = new ProtoWriter();
            foreach (long d in dims) tensor.Varint(1, d);  // TensorProto.dims
            tensor.Varint(2, dataType)                     // data_type: 1 FLOAT, 7 INT64
                .String(8, name)                           // name
                .Bytes(9, raw);                            // raw_data
            _initializers.Add(tensor);
            return name;
        }

        public ProtoWriter ToProto(Model model)
        {
            var graph = new ProtoWriter();
            foreach (var node in _nodes) graph.Message(1, node);           // GraphProto.node
            graph.String(2, model.Name);                                   // name
            foreach (var tensor in _initializers) graph.Message(5, tensor); // initializer
            graph.Message(11, ValueInfo(InputName, model.InputColumns.Count)); // input
            graph.Message(12, ValueInfo(OutputName, model.OutputSize));        // output
            return graph;
        }

        // ValueInfoProto { name = 1, type = 2 { tensor_type = 1 { elem_type = 1, shape = 2 { dim = 1 { dim_param = 2 | dim_value = 1 } } } } }
        private static ProtoWriter ValueInfo(string name, int width)
        {
            var shape = new ProtoWriter()
                .Message(1, new ProtoWriter().String(2, "N"))
                .Message(1, new ProtoWriter().Varint(1, width));
            var tensorType = new ProtoWriter().Varint(1, 1).Message(2, shape);
            return new ProtoWriter().String(1, name).Message(2, new ProtoWriter().Message(1, tensorType));
        }

        // AttributeProto { name = 1, f = 2, i = 3, ints = 8, type = 20 (FLOAT 1, INT 2, INTS 7) }
        private static ProtoWriter Attribute(OnnxAttribute attribute)
        {
            var proto = new ProtoWriter().String(1, attribute.Name);
            switch (attribute.Value)
            {
                case float f: proto.Float(2, f).Varint(20, 1); break;
                case long i: proto.Varint(3, i).Varint(20, 2); break;
                case int i: proto.Varint(3, i).Varint(20, 2); break;
                case long[] ints:
                    foreach (long i in ints) proto.Varint(8, i);
                    proto.Varint(20, 7);
                    break;
                default: throw new ArgumentException($"attribute '{attribute.Name}': unsupported value {attribute.Value.GetType().Name}");
            }
            return proto;
        }

        private string Unique(string hint)
        {
            string name = hint;
            for (int k = 1; !_names.Add(name); k++) name = $"{hint}_{k}";
            return name;
        }
    }
}
