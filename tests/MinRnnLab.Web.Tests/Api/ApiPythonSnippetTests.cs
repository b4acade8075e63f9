using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics;
using System.Text.RegularExpressions;
using MinRnnLab.Client;
using MinRnnLab.Tests.Shared;
using MinRnnLab.Web.Tests.EndToEnd;

namespace MinRnnLab.Web.Tests.Api;

/// <summary>
/// The README's Python snippet, exactly as printed, run with this machine's python3 against an app that requires a
/// login, with a token made as the API tokens page makes it. Skipped, saying why, where python3 or pandas is missing.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed partial class ApiPythonSnippetTests(WebAppFixture web)
{
    [PythonWithPandasFact]
    public async Task TheReadmesPythonSnippetRunsAgainstTheApi()
    {
        var completed = await ApiSweeps.SubmitAsync(new HttpClient { BaseAddress = new Uri(web.BaseUrl) }, ApiSweeps.Tiny, "api-python.yaml");
        await ApiSweeps.WaitUntilCompletedAsync(web, completed);
        await using var ui = await ClientUi.StartAsync(web, port => $"http://127.0.0.1:{port}");
        await using var lab = LabClient.ForCluster(ui.App.Services.GetRequiredService<IClusterClient>());
        var token = await lab.CreateApiTokenAsync("python snippet");
        var script = Path.Combine(web.DataFolder, "readme-snippet.py");
        await File.WriteAllTextAsync(script, Snippet());

        var (exit, output) = await RunAsync(PythonWithPandasFactAttribute.Python!, script, ("MINRNN_API", $"{ui.Http.BaseAddress}api/v1"), ("MINRNN_TOKEN", token.Token));

        Assert.True(exit == 0, output);
        var submitted = SubmittedId().Match(output).Groups[1].Value;
        Assert.StartsWith("from-python-", submitted);
        Assert.Contains(completed, output);                                            // the sweeps table
        Assert.Contains($"{completed}/0", output);                                      // the runs table of the newest completed sweep
        Assert.Contains("val_loss", output);                                            // its curve
        await lab.Sweep(submitted).Cancel();                                           // the snippet's own sweep need not train on
    }

    /// <summary>The README's first ```python block under "## HTTP API".</summary>
    private static string Snippet()
    {
        var readme = File.ReadAllText(Repository.PathOf("README.md"));
        var section = readme[readme.IndexOf("## HTTP API", StringComparison.Ordinal)..];
        return PythonBlock().Match(section).Groups[1].Value;
    }

    private static async Task<(int Exit, string Output)> RunAsync(string program, string script, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo(program, [script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output + await errors);
    }

    [GeneratedRegex("```python\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex PythonBlock();

    [GeneratedRegex(@"submitted (\S+)")]
    private static partial Regex SubmittedId();
}

/// <summary>
/// A fact that runs only where a python3 on the PATH imports pandas (the first such: a pyenv shim without pandas may
/// stand before the system's python3), and otherwise says that this is why it was skipped.
/// </summary>
public sealed class PythonWithPandasFactAttribute : FactAttribute
{
    private static readonly Lazy<(string? Python, string? Missing)> Found = new(() =>
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "python3")).Where(File.Exists).Distinct().ToList();
        if (candidates.Count == 0)
            return (null, "no python3 on this machine's PATH");
        foreach (var python in candidates)
        {
            using var process = Process.Start(new ProcessStartInfo(python, ["-c", "import pandas"]) { RedirectStandardError = true })!;
            process.WaitForExit(30_000);
            if (process.HasExited && process.ExitCode == 0)
                return (python, null);
        }
        return (null, $"no python3 on the PATH imports pandas ({string.Join(", ", candidates)}); apt-get install python3-pandas");
    });

    /// <summary>The python3 that imports pandas; null where there is none.</summary>
    public static string? Python => Found.Value.Python;

    public PythonWithPandasFactAttribute()
    {
        if (Found.Value.Missing is { } reason)
            Skip = reason;
    }
}
