using static TorchSharp.torch;

namespace MinRnnLab.Models;

/// <summary>Autoregressive sampling: recurrent models step with O(1) state, the transformer re-reads its window.</summary>
public static class Generation
{
    /// <summary>
    /// Extends prompt (B, T0) by <paramref name="newTokens"/> sampled tokens → (B, T0 + newTokens).
    /// temperature → 0 approaches greedy decoding; topK keeps only the k most likely tokens. <paramref name="cancel"/> is
    /// checked before each token, so a stop request (SIGTERM) ends a long generation within one step.
    /// </summary>
    public static Tensor Generate(this LanguageModel model, Tensor prompt, int newTokens,
        double temperature = 1.0, int? topK = null, Generator? generator = null, CancellationToken cancel = default)
    {
        if (temperature <= 0)
            throw new ArgumentException($"temperature must be positive, got {temperature}");
        using var _ = no_grad();
        var wasTraining = model.training;
        model.eval();
        try
        {
            return model.IsRecurrent
                ? GenerateRecurrent(model, prompt, newTokens, temperature, topK, generator, cancel)
                : GenerateWindowed(model, prompt, newTokens, temperature, topK, generator, cancel);
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    /// <summary>Next-token distribution sample from logits (B, V) → (B, 1).</summary>
    public static Tensor SampleNext(Tensor logits, double temperature, int? topK, Generator? generator)
    {
        using (var t = Scalars.Of(temperature))
            logits = logits.div(t);
        if (topK is int k && k < logits.shape[^1])
        {
            var kth = logits.topk(k).values[.., ^1..];                                  // (B, 1)
            logits = logits.masked_fill(logits < kth, Scalars.NegativeInfinity);
        }
        return multinomial(nn.functional.softmax(logits, -1), 1, generator: generator);
    }

    private static Tensor GenerateRecurrent(LanguageModel model, Tensor prompt, int newTokens,
        double temperature, int? topK, Generator? generator, CancellationToken cancel)
    {
        var states = model.NewStates();
        try
        {
            var tokens = new List<Tensor> { prompt };
            Tensor logits = null!;
            for (var t = 0; t < prompt.shape[1]; t++)
                logits = model.Step(prompt[.., t], states);
            for (var i = 0; i < newTokens; i++)
            {
                cancel.ThrowIfCancellationRequested();
                var next = SampleNext(logits, temperature, topK, generator);            // (B, 1)
                tokens.Add(next);
                logits = model.Step(next[.., 0], states);
            }
            return cat(tokens, 1);
        }
        finally
        {
            foreach (var state in states)
                state.Dispose();
        }
    }

    private static Tensor GenerateWindowed(LanguageModel model, Tensor prompt, int newTokens,
        double temperature, int? topK, Generator? generator, CancellationToken cancel)
    {
        var idx = prompt;
        var window = model.Config.BlockSize;
        for (var i = 0; i < newTokens; i++)
        {
            cancel.ThrowIfCancellationRequested();
            var context = idx.shape[1] <= window ? idx : idx[.., ^window..];
            var logits = model.forward(context)[.., -1, ..];                            // (B, V)
            idx = cat([idx, SampleNext(logits, temperature, topK, generator)], 1);
        }
        return idx;
    }
}
