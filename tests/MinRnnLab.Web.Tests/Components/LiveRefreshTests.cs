using Microsoft.Extensions.Logging;
using MinRnnLab.Web.Services;

namespace MinRnnLab.Web.Tests.Components;

public class LiveRefreshTests
{
    [Fact]
    public async Task AFailedRedrawIsLoggedAndTheNextRequestRedrawsAgain()
    {
        var logger = new RecordingLogger();
        var redraws = 0;
        var second = new TaskCompletionSource();
        using var refresh = new LiveRefresh(() =>
        {
            if (++redraws == 1)
                throw new InvalidOperationException("lab unreachable");
            second.TrySetResult();
            return Task.CompletedTask;
        }, logger, TimeSpan.FromMilliseconds(1));

        refresh.Request();
        var error = await logger.Logged.Task.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal("lab unreachable", error.Message);
        refresh.Request();
        await second.Task.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(2, redraws);
    }

    [Fact]
    public async Task UpdatesDuringASlowRedrawMakeOneMoreRedrawAfterItNotAQueue()
    {
        var (redraws, running, mostAtOnce) = (0, 0, 0);
        var firstStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var refresh = new LiveRefresh(async () =>
        {
            mostAtOnce = Math.Max(mostAtOnce, Interlocked.Increment(ref running));
            var number = Interlocked.Increment(ref redraws);
            firstStarted.TrySetResult();
            if (number == 1)
                await release.Task;                                                     // a redraw far slower than the interval
            Interlocked.Decrement(ref running);
            if (number == 2)
                secondDone.TrySetResult();
        }, new RecordingLogger(), TimeSpan.FromMilliseconds(1));

        refresh.Request();
        await firstStarted.Task.WaitAsync(TimeSpan.FromMinutes(1));
        for (var i = 0; i < 100; i++)                                                   // updates arriving while it draws
        {
            refresh.Request();
            await Task.Delay(2);
        }
        release.SetResult();
        await secondDone.Task.WaitAsync(TimeSpan.FromMinutes(1));
        await Task.Delay(200);                                                          // room for any redraw queued besides

        Assert.Equal(1, mostAtOnce);
        Assert.Equal(2, redraws);
    }

    private sealed class RecordingLogger : ILogger
    {
        public TaskCompletionSource<Exception> Logged { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Error && exception is not null)
                Logged.TrySetResult(exception);
        }
    }
}
