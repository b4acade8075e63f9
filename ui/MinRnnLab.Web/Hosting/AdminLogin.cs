using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace MinRnnLab.Web.Hosting;

/// <summary>
/// The one-secret login used when the UI is exposed: POST /account/login compares the secret in constant time
/// and issues a cookie; every page then requires it. On localhost without a secret none of this is registered.
/// </summary>
public static class AdminLogin
{
    public const string LoginPath = "/login";

    public static IServiceCollection AddAdminLogin(this IServiceCollection services)
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(cookie =>
            {
                cookie.LoginPath = LoginPath;
                cookie.Cookie.Name = "minrnnlab.auth";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
                cookie.SlidingExpiration = true;
            });
        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
        return services;
    }

    public static void MapAdminLogin(this WebApplication app, string secret)
    {
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        app.MapPost("/account/login", async (HttpContext http, [FromForm] string? secret, [FromForm] string? returnUrl) =>
        {
            // Hash both sides so the comparison is constant-time whatever the lengths.
            var given = SHA256.HashData(Encoding.UTF8.GetBytes(secret ?? ""));
            if (!CryptographicOperations.FixedTimeEquals(given, expected))
                return Results.Redirect($"{LoginPath}?failed=1");
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin")], CookieAuthenticationDefaults.AuthenticationScheme);
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
            return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
        }).AllowAnonymous();
        app.MapPost("/account/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect(LoginPath);
        });
    }

    // Only paths on this site: an open redirect would let a link send the admin elsewhere after login.
    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//") && !url.StartsWith("/\\");
}
