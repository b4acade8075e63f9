using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using MinRnnLab.Client;
using MinRnnLab.Web.Hosting;

namespace MinRnnLab.Web.Api;

/// <summary>
/// Bearer tokens for the API when the app requires a login: `Authorization: Bearer mrl_…`, looked up by its SHA-256
/// in the cluster (IApiTokenGrain) on every call, so a revoked token is refused at its next call. A call without a
/// valid token answers 401 (problem+json); like the login, such calls are limited per client address
/// (Web:LoginAttemptsPerMinute), after which they answer 429 until the minute is over, so tokens cannot be guessed
/// at network speed. Calls with a valid token are not limited.
/// </summary>
public static class ApiTokenAuthentication
{
    public const string Scheme = "ApiToken";
    public const string Policy = "api-token";

    /// <summary>Adds the scheme and its policy beside the admin login's cookie (<see cref="AdminLogin.AddAdminLogin"/>).</summary>
    public static IServiceCollection AddApiTokens(this IServiceCollection services, WebOptions web)
    {
        // One window per client address; behind a reverse proxy every client shares the proxy's.
        var failures = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = web.LoginAttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        services.AddSingleton(new FailedCallLimiter(failures, web.LoginAttemptsPerMinute));
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, Handler>(Scheme, null);
        return services;
    }

    /// <summary>The allowance of calls without a valid token, per client address.</summary>
    public sealed record FailedCallLimiter(PartitionedRateLimiter<string> Limiter, int PerMinute);

    private sealed class Handler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
        IClusterClient cluster, FailedCallLimiter failures) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        private const string Bearer = "Bearer ";
        private string? refusal;
        private bool overLimit;

        protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var header = Request.Headers.Authorization.ToString();
            var token = header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase) ? header[Bearer.Length..].Trim() : null;
            // Tokens are "mrl_" and 43 characters; anything much longer is not worth hashing.
            var found = token is { Length: > 0 and <= 256 } ? await LabClient.ForCluster(cluster).FindApiTokenAsync(token) : null;
            if (found is not null)
                return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(
                    [new Claim(ClaimTypes.Name, found.Name), new Claim("token_id", found.Id)], ApiTokenAuthentication.Scheme)), ApiTokenAuthentication.Scheme));
            refusal = token is null ? "this call needs `Authorization: Bearer <token>`; make a token on the app's API tokens page"
                                    : "the bearer token is not valid (revoked, or never made here)";
            using var lease = failures.Limiter.AttemptAcquire(Context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            overLimit = !lease.IsAcquired;
            return AuthenticateResult.Fail(refusal);
        }

        protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
        {
            var (status, title, detail) = overLimit
                ? (StatusCodes.Status429TooManyRequests, "Too many requests",
                   $"too many calls without a valid token from this address (at most {failures.PerMinute} a minute); wait a minute and try again")
                : (StatusCodes.Status401Unauthorized, "Unauthorized", refusal ?? "this call needs a bearer token");
            Response.StatusCode = status;
            Response.Headers.WWWAuthenticate = "Bearer";
            if (overLimit)
                Response.Headers.RetryAfter = "60";
            await Results.Problem(detail, statusCode: status, title: title).ExecuteAsync(Context);
        }
    }
}
