using MinRnnLab.Config;
using MinRnnLab.Models;
using static TorchSharp.torch;

namespace MinRnnLab.Models.Tests;

public class RecurrentLanguageModelTests
{
    private static ModelConfig Small(string arch) => new()
    {
        Arch = ArchitectureNames.Parse(arch), NLayer = 2, NEmbd = 16, BlockSize = 32, VocabSize = 65, Dropout = 0,
    };

    [Theory]
    [InlineData("mingru")]
    [InlineData("minlstm")]
    [InlineData("gru")]
    [InlineData("lstm")]
    public void StepByStepLogitsEqualWholeSequenceLogits(string arch)
    {
        manual_seed(30);
        using var model = ModelFactory.Create(Small(arch));
        model.eval();
        var idx = randint(0, 65, [2, 24], dtype: int64);                                // (B, T)
        using var _ = no_grad();

        var whole = model.forward(idx);                                                 // (B, T, V)
        var states = model.NewStates();
        var steps = Enumerable.Range(0, 24).Select(t => model.Step(idx[.., t], states)).ToArray();
        var stepped = stack(steps, dim: 1);                                             // (B, T, V)
        foreach (var state in states)
            state.Dispose();

        Assert.True(model.IsRecurrent);
        var maxError = (whole - stepped).abs().max().item<float>();
        Assert.True(maxError < 1e-4, $"max |whole − stepped| = {maxError}");
    }

    [Theory]
    [InlineData("mingru", 2)]
    [InlineData("minlstm", 3)]
    public void MinRnnModelHasThePaperBlockParameterCount(string arch, int projections)
    {
        using var model = ModelFactory.Create(Small(arch));
        const long c = 16, e = 2, v = 65, k = 4;

        // Per block: 2 LayerNorms 4C, conv C·k + C, cell projections·E·C·(C + 1), out_proj E·C·C + C, MLP 8C² + 5C.
        var block = 4 * c + (c * k + c) + projections * e * c * (c + 1) + (e * c * c + c) + (8 * c * c + 5 * c);
        Assert.Equal(2 * block + v * c + 2 * c, model.ParameterCount());
    }

    [Fact]
    public void MinGruModelLearnsToCopyThePreviousToken()
    {
        manual_seed(31);
        using var model = ModelFactory.Create(Small("mingru"));
        var optimizer = TorchSharp.torch.optim.AdamW(model.parameters(), lr: 3e-3);
        var idx = randint(0, 65, [8, 32], dtype: int64);
        var targets = roll(idx, 1, 1);                                                  // predict the token before
        float first = 0, last = 0;

        for (var step = 0; step < 60; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = LanguageModel.Loss(model.forward(idx), targets);
            loss.backward();
            optimizer.step();
            if (step == 0) first = loss.item<float>();
            last = loss.item<float>();
        }

        Assert.True(last < first * 0.7, $"loss went from {first} to {last}");
    }
}
