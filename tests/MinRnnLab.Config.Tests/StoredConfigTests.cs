using MinRnnLab.Config;

namespace MinRnnLab.Config.Tests;

/// <summary>
/// A stored config is the config its run trained with. The conv residual became the paper block's default after runs
/// were stored; those runs must still read as they ran (conv_residual off), not with today's default.
/// </summary>
public class StoredConfigTests
{
    /// <summary>
    /// A cpu-shakespeare minGRU trial's ConfigJson (RunSpec) as the binaries before the change stored it: conv_residual
    /// was a plain bool, written as false, and eval_mode did not exist.
    /// </summary>
    private const string StoredBeforeTheChange = """
        {
          "model": {
            "arch": "mingru", "n_layer": 4, "n_head": 4, "n_embd": 128, "block_size": 64, "vocab_size": 65, "dropout": 0,
            "bias": true, "expansion": 2, "conv_kernel": 4, "d_state": 16, "block": null, "conv_residual": false,
            "mlp": null, "rnn_bias": null, "init": "nanogpt"
          },
          "train": {
            "batch_size": 12, "max_iters": 2000, "eval_interval": 50, "eval_iters": 20, "log_interval": 10,
            "learning_rate": 0.001, "min_lr": 0.0001, "warmup_iters": 100, "lr_decay_iters": 2000, "decay_lr": true,
            "weight_decay": 0.1, "beta1": 0.9, "beta2": 0.99, "grad_clip": 1, "seed": 1337, "device": "cpu", "threads": 0,
            "checkpoint_interval": 250, "data_path": "", "out_dir": "", "sample_chars": 500
          }
        }
        """;

    /// <summary>A checkpoint's config from before the block keys existed: no block, conv_residual, mlp, rnn_bias or init.</summary>
    private const string StoredBeforeTheBlockKeys = """
        {"model": {"arch": "minlstm", "n_layer": 4, "n_embd": 128, "block_size": 64, "dropout": 0},
         "train": {"batch_size": 12, "max_iters": 2000, "seed": 1337}}
        """;

    [Fact]
    public void ARunStoredBeforeTheChangeKeepsItsConvResidualOff()
    {
        var config = ConfigJson.Deserialize(StoredBeforeTheChange);

        Assert.Equal(false, config.Model.ConvResidual);
        Assert.False(config.Model.HasConvResidual());
        Assert.Equal(EvalMode.Random, config.Train.EvalMode);
    }

    [Fact]
    public void AConfigStoredWithoutTheKeyReadsItAsOff()
    {
        var config = ConfigJson.Deserialize(StoredBeforeTheBlockKeys);

        Assert.Equal(false, config.Model.ConvResidual);
        Assert.False(config.Model.HasConvResidual());
    }

    [Fact]
    public void ANewConfigKeepsItsAutoConvResidualThroughJson()
    {
        var config = ConfigBinder.Bind([new ConfigValue("arch", "mingru", "test")]);

        var json = ConfigJson.Serialize(config);
        var read = ConfigJson.Deserialize(json);

        Assert.Contains("\"conv_residual\": null", json);
        Assert.Null(read.Model.ConvResidual);
        Assert.True(read.Model.HasConvResidual());
        Assert.Equal(config, read);
    }
}
