using Orleans;

namespace MinRnnLab.Config;

/// <summary>Everything that determines a training run: the model's shape and how it is trained.</summary>
[GenerateSerializer, Immutable, Alias("MinRnnLab.RunConfig")]
public sealed record RunConfig([property: Id(0)] ModelConfig Model, [property: Id(1)] TrainConfig Train)
{
    public RunConfig() : this(new ModelConfig(), new TrainConfig()) { }

    public void Validate()
    {
        try
        {
            Model.Validate();
        }
        catch (ArgumentException e)
        {
            throw new ConfigException(e.Message);
        }
        Train.Validate();
        ConfigLimits.Check(Model, Train);
        ShapeLimits.Check(Model, Train);
    }
}
