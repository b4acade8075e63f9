using MinRnnLab.Models;
using MinRnnLab.Training.Checkpoints;
using MinRnnLab.Config;
using static TorchSharp.torch;

namespace MinRnnLab.Training.Sampling;

/// <summary>Generates text from a trained model, given the character vocabulary it was trained with.</summary>
public sealed class TextSampler(LanguageModel model, string vocabulary)
{
    /// <summary>Loads the model and vocabulary from a checkpoint folder (on CPU).</summary>
    public static TextSampler FromCheckpoint(string folder)
    {
        var state = CheckpointStore.ReadState(folder);
        var config = ConfigJson.Deserialize(state.ConfigJson);
        var model = ModelFactory.Create(config.Model);
        using (NewDisposeScope())                                                       // what loading makes on the way (see ScopedBuild)
            CheckpointStore.LoadModel(folder, model);
        return new TextSampler(model, state.Vocabulary);
    }

    public LanguageModel Model => model;

    /// <summary>The prompt followed by <paramref name="length"/> sampled characters; a cancelled <paramref name="cancel"/> stops it within a character.</summary>
    public string Sample(string prompt, int length, double temperature = 0.8, int? topK = 200, long seed = 1337, CancellationToken cancel = default)
    {
        if (string.IsNullOrEmpty(prompt))
            prompt = "\n";
        var unknown = prompt.FirstOrDefault(c => !vocabulary.Contains(c));
        if (unknown != default)
            throw new ArgumentException($"prompt character '{unknown}' is not in the model's vocabulary");
        using var scope = NewDisposeScope();
        var device = model.parameters().First().device;
        var ids = tensor(prompt.Select(c => (long)vocabulary.IndexOf(c)).ToArray(), device: device).unsqueeze(0); // (1, T0)
        using var generator = new Generator((ulong)seed, device);
        var output = model.Generate(ids, length, temperature, topK, generator, cancel);
        return new string(output[0].cpu().data<long>().ToArray().Select(i => vocabulary[(int)i]).ToArray());
    }
}
