namespace MinRnnLab.Config;

/// <summary>Everything that determines a training run: the model's shape and how it is trained.</summary>
public sealed record RunConfig(ModelConfig Model, TrainConfig Train)
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
