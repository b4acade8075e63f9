namespace MinRnnLab.Models;

/// <summary>A module that draws dropout masks; <see cref="LanguageModel.DropoutSeeds"/> gives it the model's seeds.</summary>
public interface IDrawsDropoutMasks
{
    DropoutSeeds? Seeds { get; set; }
}
