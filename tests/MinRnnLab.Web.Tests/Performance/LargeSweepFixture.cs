using MinRnnLab.Web.Tests.EndToEnd;

namespace MinRnnLab.Web.Tests.Performance;

/// <summary>
/// The real app with eight slots running the no-op executor: a sweep of hundreds of runs finishes in seconds,
/// after which a test writes long curves into the metrics store. Training is not what these tests measure.
/// </summary>
public sealed class LargeSweepFixture : WebAppFixture
{
    protected override string[] DeviceArguments =>
        ["--Lab:Executor", "noop", .. Enumerable.Range(0, 8).SelectMany(i => new[] { $"--Lab:Devices:{i}", "cpu" })];
}

[CollectionDefinition(Name)]
public sealed class LargeSweepCollection : ICollectionFixture<LargeSweepFixture>
{
    public const string Name = "large sweep";
}
