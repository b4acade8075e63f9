namespace MinRnnLab.Training.Tests;

/// <summary>
/// Tests that seed or draw from libtorch's process-wide generator (manual_seed, randn, dropout) or change its
/// thread count. xUnit runs test classes in parallel, so two such classes interleave their draws and a
/// bit-exact comparison (a resumed run against an uninterrupted one) fails at random; this serialises them.
/// </summary>
[CollectionDefinition(Name)]
public sealed class TorchGlobalState
{
    public const string Name = "libtorch global generator";
}
