using MinRnnLab.Config;

namespace MinRnnLab.Web.Hosting;

/// <summary>How the web UI is hosted. Read from configuration section "Web" by <see cref="Bind"/>; the silo itself reads "Lab".</summary>
public sealed class WebOptions
{
    /// <summary>
    /// Reads section "Web"; Web:Mode defaults to <paramref name="defaultMode"/>, the app's own (embedded where it
    /// co-hosts a silo). A wrong Web:Mode throws an ArgumentException naming it and its values.
    /// </summary>
    public static WebOptions Bind(IConfiguration configuration, WebMode defaultMode)
    {
        var section = configuration.GetSection("Web");
        EnumSetting.Check<WebMode>(section, nameof(Mode));
        var options = new WebOptions { Mode = defaultMode };
        section.Bind(options);
        return options;
    }

    /// <summary>"embedded" co-hosts a silo in this process (the one-process app's default); "client" joins a running cluster.</summary>
    public WebMode Mode { get; set; } = WebMode.Embedded;

    /// <summary>Client mode: silo gateways as "host:port"; empty means the gateway on localhost at Lab:GatewayPort.</summary>
    public List<string> Gateways { get; set; } = [];

    /// <summary>
    /// Required as soon as the app listens beyond localhost: the login page asks for it and a cookie keeps the
    /// session. Empty on localhost means no login.
    /// </summary>
    public string? AdminSecret { get; set; }

    /// <summary>Login attempts allowed per client address and minute; more get 429 until the minute is over.</summary>
    public int LoginAttemptsPerMinute { get; set; } = 5;

    /// <summary>Folder of sweep templates for the New-sweep page; defaults to the sweeps copied beside the app.</summary>
    public string? SweepsFolder { get; set; }

    public bool Embedded => Mode == WebMode.Embedded;

    public bool RequiresLogin => !string.IsNullOrEmpty(AdminSecret);
}
