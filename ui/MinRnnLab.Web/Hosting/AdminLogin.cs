using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.RateLimiting;

namespace MinRnnLab.Web.Hosting;

/// <summary>
/// The one-secret login used when the UI is exposed: POST /account/login compares the secret in constant time
/// and issues a cookie; every page then requires it. Attempts are limited per client address, so the secret cannot
/// be guessed at network speed. On localhost without a secret none of this is registered.
/// </summary>
public static class AdminLogin
{
    public const string LoginPath = "/login";
    private const string AttemptsPolicy = "login-attempts";

    public static IServiceCollection AddAdminLogin(this IServiceCollection services, WebOptions web)
    {
        if (web.LoginAttemptsPerMinute < 1)
            throw new InvalidOperationException($"Web:LoginAttemptsPerMinute is {web.LoginAttemptsPerMinute}; it must be at least 1");
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(cookie =>
            {
                cookie.LoginPath = LoginPath;
                cookie.Cookie.Name = "minrnnlab.auth";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;   // Secure whenever the login came over HTTPS
                cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
                cookie.SlidingExpiration = true;
            });
        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
        services.AddRateLimiter(limiter =>
        {
            // Behind a reverse proxy every client shares the proxy's address, and so shares this allowance.
            limiter.AddPolicy(AttemptsPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = web.LoginAttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (rejected, cancel) =>
            {
                rejected.HttpContext.Response.Headers.RetryAfter = "60";
                return new ValueTask(rejected.HttpContext.Response.WriteAsync(
                    $"Too many login attempts from this address (at most {web.LoginAttemptsPerMinute} a minute). Wait a minute and try again.", cancel));
            };
        });
        return services;
    }

    public static void MapAdminLogin(this WebApplication app, string secret)
    {
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        // The form is read and its anti-forgery token checked here rather than by parameter binding, so that every
        // bad post gets an answer of its own: a page a person can act on, never an empty error for other middleware.
        app.MapPost("/account/login", async (HttpContext http, IAntiforgery antiforgery) =>
        {
            if (!http.Request.HasFormContentType)
                return Results.Text("Log in through the login page's form.", statusCode: StatusCodes.Status400BadRequest);
            IFormCollection form;
            try
            {
                form = await http.Request.ReadFormAsync(http.RequestAborted);
            }
            catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
            {
                return Results.Text("The login form could not be read.", statusCode: StatusCodes.Status400BadRequest);
            }
            var returnUrl = form["returnUrl"].ToString();
            var back = IsLocal(returnUrl) ? returnUrl : null;
            // A login page older than its anti-forgery cookie (or a post from another site): ask again.
            if (!await antiforgery.IsRequestValidAsync(http))
                return Results.Redirect(LoginPage("expired", back));
            // Hash both sides so the comparison is constant-time whatever the lengths.
            var given = SHA256.HashData(Encoding.UTF8.GetBytes(form["secret"].ToString()));
            if (!CryptographicOperations.FixedTimeEquals(given, expected))
                return Results.Redirect(LoginPage("failed", back));
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin")], CookieAuthenticationDefaults.AuthenticationScheme);
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
            return Results.LocalRedirect(back ?? "/");
        }).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(AttemptsPolicy);
        app.MapPost("/account/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect(LoginPath);
        });
    }

    /// <summary>The login page again, saying why (failed, expired), still headed where the visitor was going.</summary>
    private static string LoginPage(string why, string? returnUrl) =>
        returnUrl is null ? $"{LoginPath}?{why}=1" : $"{LoginPath}?{why}=1&returnUrl={Uri.EscapeDataString(returnUrl)}";

    // Only paths on this site: an open redirect would let a link send the admin elsewhere after login. Browsers drop
    // tabs and newlines from URLs, so "/\t/evil.example" would become "//evil.example".
    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//") && !url.StartsWith("/\\") && !url.Any(char.IsControl);
}
