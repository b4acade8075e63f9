using MinRnnLab.Config;
using MinRnnLab.Training.Trainer;

namespace MinRnnLab.Training.Tests;

/// <summary>The learning rate the trainer sets at each step, from the train config's schedule keys.</summary>
public class LearningRateScheduleTests
{
    [Fact]
    public void ScheduleWarmsUpDecaysByCosineAndFloorsAtMinLr()
    {
        var train = new TrainConfig { LearningRate = 1e-3, MinLr = 1e-4, WarmupIters = 100, LrDecayIters = 2000, MaxIters = 2000 };
        Assert.Equal(1e-3 / 101, LearningRateSchedule.At(0, train), 12);
        Assert.Equal(1e-3, LearningRateSchedule.At(100, train), 12);
        Assert.Equal(5.5e-4, LearningRateSchedule.At(1050, train), 9);                  // halfway: mean of max and min
        Assert.Equal(1e-4, LearningRateSchedule.At(2500, train), 12);
    }
}
