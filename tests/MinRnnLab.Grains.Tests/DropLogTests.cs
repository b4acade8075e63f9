using Microsoft.Extensions.Logging;
using MinRnnLab.Grains.Live;

namespace MinRnnLab.Grains.Tests;

/// <summary>Dropped live updates are logged at most once per period, each line with the drops since the last one.</summary>
public class DropLogTests
{
    private sealed class Lines : ILogger
    {
        public List<(LogLevel Level, string Text)> Written { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Written.Add((logLevel, formatter(state, exception)));
    }

    [Fact]
    public void AFloodOfDropsWithinAMinuteIsOneLine()
    {
        var lines = new Lines();
        var log = new DropLog(lines, TimeSpan.FromMinutes(1));

        for (var dropped = 1; dropped <= 10_000; dropped++)
            log.Report(dropped, "the queue is full");

        var (level, text) = Assert.Single(lines.Written);
        Assert.Equal(LogLevel.Warning, level);
        Assert.Contains("1 event(s) dropped since the last report (1 in all)", text);  // the first drop is said at once
        Assert.Contains("the queue is full", text);
    }

    [Fact]
    public void TheNextLineCountsTheDropsSinceTheLastOne()
    {
        var lines = new Lines();
        var log = new DropLog(lines, TimeSpan.FromMilliseconds(20));

        log.Report(1, "first");
        for (var dropped = 2; dropped <= 50; dropped++)
            log.Report(dropped, "within the period");
        Thread.Sleep(50);                                                               // past the period: the next drop is said
        log.Report(51, "later");

        Assert.Equal(2, lines.Written.Count);
        Assert.Contains("50 event(s) dropped since the last report (51 in all), the latest because: later", lines.Written[1].Text);
    }
}
