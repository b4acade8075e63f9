using MinRnnLab.Config;
using MinRnnLab.Models;
using static TorchSharp.torch;

namespace MinRnnLab.Models.Tests;

public class TransformerTests
{
    private static readonly ModelConfig Baby = new()
    {
        Arch = Architecture.Transformer, NLayer = 4, NHead = 4, NEmbd = 128, BlockSize = 64, VocabSize = 65, Dropout = 0,
    };

    [Fact]
    public void WrittenOutAttentionIsTheFusedCausalAttention()
    {
        manual_seed(5);
        var (q, k, v) = (randn(2, 3, 7, 4, dtype: float64), randn(2, 3, 7, 4, dtype: float64), randn(2, 3, 7, 4, dtype: float64));

        using var written = CausalSelfAttention.Attention(q, k, v, weights => weights);
        using var fused = nn.functional.scaled_dot_product_attention(q, k, v, is_casual: true);

        Assert.True(written.allclose(fused, rtol: 0, atol: 1e-12), $"max |Δ| {(written - fused).abs().max().item<double>()}");
    }

    [Fact]
    public void AttentionDropoutWithTheModelsSeedsDropsWholeWeightsAndRepeats()
    {
        manual_seed(6);
        var (q, k, v) = (randn(2, 3, 7, 4), randn(2, 3, 7, 4), randn(2, 3, 7, 4));
        Tensor? dropped = null;

        using var first = CausalSelfAttention.Attention(q, k, v, weights => dropped = FusedDropout.Apply(weights, 0.5, seed: 9));
        using var again = CausalSelfAttention.Attention(q, k, v, weights => FusedDropout.Apply(weights, 0.5, seed: 9));

        Assert.True(first.equal(again).all().item<bool>());
        // 6 heads × 21 future positions are 0 before dropout; about half of the other 168 weights are dropped (σ ≈ 6.5).
        var zeros = dropped!.eq(0).sum().item<long>();
        Assert.InRange(zeros, 126 + 84 - 35, 126 + 84 + 35);
    }

    [Fact]
    public void ParameterCountMatchesNanoGptBabyModel()
    {
        using var model = ModelFactory.Create(Baby);
        // Per block: ln 2C·2, attn 3C²+3C + C²+C, mlp 4C²+4C + 4C²+C = 12C² + 13C; plus wte V·C and ln_f 2C.
        const long c = 128, v = 65;
        Assert.Equal(4 * (12 * c * c + 13 * c) + v * c + 2 * c, model.ParameterCount());
    }

    [Fact]
    public void LogitsHaveVocabularyWidthAndLossStartsNearUniform()
    {
        manual_seed(0);
        using var model = ModelFactory.Create(Baby);
        var idx = randint(0, 65, [2, 64], dtype: int64);
        var logits = model.forward(idx);
        Assert.Equal(new long[] { 2, 64, 65 }, logits.shape);
        // Targets independent of the input: with tied weights a token predicts itself better than chance.
        var targets = randint(0, 65, [2, 64], dtype: int64);
        var loss = LanguageModel.Loss(logits, targets).item<float>();
        Assert.InRange(loss, Math.Log(65) - 0.2, Math.Log(65) + 0.2);
    }

    [Fact]
    public void PredictionAtPositionTDoesNotDependOnLaterTokens()
    {
        manual_seed(0);
        using var model = ModelFactory.Create(Baby);
        model.eval();
        var idx = randint(0, 65, [1, 32], dtype: int64);
        var changed = idx.clone();
        changed[0, 20] = (changed[0, 20] + 1) % 65;
        Assert.True(model.forward(idx)[.., ..20].allclose(model.forward(changed)[.., ..20], atol: 1e-6));
    }

    [Fact]
    public void GenerationExtendsPromptWithinVocabulary()
    {
        manual_seed(0);
        using var model = ModelFactory.Create(Baby);
        var prompt = zeros(1, 3, dtype: int64);
        var output = model.Generate(prompt, newTokens: 80, temperature: 0.8, topK: 10);
        Assert.Equal(new long[] { 1, 83 }, output.shape);
        Assert.True(output.max().item<long>() < 65);
    }
}
