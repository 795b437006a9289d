using NnLab.Runner.Training;
using static NnLab.Runner.Tests.Training.YamlExperiments;

namespace NnLab.Runner.Tests.Training;

/// <summary>A checked experiment turned into a session: in its precision, holding the model the loader built.</summary>
public class ExperimentSessionTests
{
    [Fact]
    public void A_float32_experiment_trains_in_float32_and_reports_its_weights_in_float64()
    {
        var experiment = Ok(Xor, "training.precision=float32");
        var session = Assert.IsType<ExperimentSession<float>>(experiment.CreateSession());
        Assert.Equal([(float)session.InitialParameters[0]["W"].Data[0]], [session.Network.Parameters[0].Value.Data[0]]);
    }
}
