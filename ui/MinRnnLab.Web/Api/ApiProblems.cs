using MinRnnLab.Abstractions;

namespace MinRnnLab.Web.Api;

/// <summary>The API's error answers: problem+json (RFC 9457) with a detail that says what and where.</summary>
public static class ApiProblems
{
    public static IResult NotFound(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static IResult SweepNotFound(string sweepId) => NotFound(MinRnnLab.Abstractions.NotFound.Sweep(sweepId));

    public static IResult RunNotFound(string runId) => NotFound(MinRnnLab.Abstractions.NotFound.Run(runId));

    public static IResult BadRequest(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request");

    /// <summary>
    /// Exceptions of a call, answered as problems instead of the app's HTML error page: bad input the client or a
    /// grain refused (ArgumentException) is a 400 with its message, an id the client found unknown (KeyNotFoundException) a
    /// 404 naming it, an unreachable cluster a 503, anything else a
    /// 500 that gives no insides away (the log has them).
    /// </summary>
    internal static async ValueTask<object?> ForExceptionsAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (ArgumentException e)
        {
            return BadRequest(e.Message);
        }
        catch (KeyNotFoundException e)
        {
            return NotFound(e.Message);                                                 // the client's "no sweep 'X'": it names the id
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            Logger(context).LogWarning(e, "API call {Path}: the platform did not answer", context.HttpContext.Request.Path);
            return TypedResults.Problem("the platform did not answer; try again", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Unavailable");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Logger(context).LogError(e, "API call {Path} failed", context.HttpContext.Request.Path);
            return TypedResults.Problem("an unexpected error; the server's log has its details", statusCode: StatusCodes.Status500InternalServerError,
                title: "Server error");
        }
    }

    private static ILogger Logger(EndpointFilterInvocationContext context) =>
        context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("MinRnnLab.Web.Api");
}
