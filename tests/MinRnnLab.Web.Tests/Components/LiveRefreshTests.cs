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
