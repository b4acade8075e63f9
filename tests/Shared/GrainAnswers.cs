namespace MinRnnLab.Tests.Shared;

/// <summary>For tests about sweeps and runs that exist: a grain's "not found" (null) answer fails the test.</summary>
public static class GrainAnswers
{
    public static async Task<T> Found<T>(this Task<T?> answer) where T : class =>
        await answer ?? throw new InvalidOperationException("the grain answered 'not found' for a sweep or run the test created");
}
