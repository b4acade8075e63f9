using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace MinRnnLab.Worker.Trials;

/// <summary>
/// The program a worker starts for each trial: `dotnet minrnn.dll trial`, on the runtime this silo runs on. minrnn.dll
/// ships beside every host of a silo (the Silo, the Web and the test projects reference MinRnnLab.Cli, whose output
/// brings minrnn.dll along), unless Lab:TrialProgram names another.
/// </summary>
/// <param name="HostFiles">
/// The running app's runtimeconfig.json and deps.json, when minrnn.dll sits beside them: the trial resolves its
/// dependencies as its host does. The web app's build leaves out what ASP.NET Core's shared framework brings
/// (Microsoft.Extensions.Options, …), which minrnn's own files expect beside it. Null: minrnn.dll runs on its own files.
/// </param>
public sealed record TrialProgram(string Dotnet, string Assembly, (string RuntimeConfig, string Deps)? HostFiles)
{
    public const string FileName = "minrnn.dll";

    /// <summary>Finds it, or throws ArgumentException naming what is missing and the settings that fix it.</summary>
    public static TrialProgram Locate(WorkerOptions options)
    {
        var assembly = Path.GetFullPath(string.IsNullOrWhiteSpace(options.TrialProgram)
            ? Path.Combine(AppContext.BaseDirectory, FileName)
            : options.TrialProgram);
        if (!File.Exists(assembly))
            throw new ArgumentException($"Lab:Executor 'process' starts each trial as `dotnet {FileName} trial`, but there is no {assembly}: " +
                                        "set Lab:TrialProgram to minrnn.dll's path, or Lab:Executor to 'torch' to train in the silo's process");
        return new TrialProgram(DotnetHost(), assembly, HostFilesBeside(assembly));
    }

    public ProcessStartInfo StartInfo()
    {
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        var info = new ProcessStartInfo(Dotnet)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
            StandardInputEncoding = utf8, StandardOutputEncoding = utf8, StandardErrorEncoding = utf8,
            UseShellExecute = false,
        };
        if (HostFiles is var (runtimeConfig, deps))
        {
            foreach (var arg in new[] { "exec", "--runtimeconfig", runtimeConfig, "--depsfile", deps })
                info.ArgumentList.Add(arg);
        }
        info.ArgumentList.Add(Assembly);
        info.ArgumentList.Add("trial");
        // A trial is one process among several on its machine: workstation GC, as minrnn's own runtimeconfig has it,
        // whatever its host's says (the web app's asks for server GC: a heap per core).
        info.Environment["DOTNET_gcServer"] = "0";
        return info;
    }

    /// <summary>The `dotnet` host this process runs under, so trials run on the same runtime: found from the runtime's own folder.</summary>
    private static string DotnetHost()
    {
        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet")
            return self;
        // <dotnet root>/shared/Microsoft.NETCore.App/<version>/ holds the runtime; the host is <dotnet root>/dotnet.
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var host = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return File.Exists(host) ? host : "dotnet";
    }

    /// <summary>
    /// The running app's X.runtimeconfig.json and X.deps.json (the host lists the deps file first in
    /// APP_CONTEXT_DEPS_FILES; under `dotnet test` it is the test project's), when they stand beside minrnn.dll.
    /// </summary>
    private static (string, string)? HostFilesBeside(string assembly)
    {
        const string depsSuffix = ".deps.json";
        var deps = (AppContext.GetData("APP_CONTEXT_DEPS_FILES") as string)?.Split(';', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        if (deps is null || !deps.EndsWith(depsSuffix, StringComparison.Ordinal) || Path.GetDirectoryName(Path.GetFullPath(deps)) != Path.GetDirectoryName(assembly))
            return null;
        var runtimeConfig = deps[..^depsSuffix.Length] + ".runtimeconfig.json";
        return File.Exists(deps) && File.Exists(runtimeConfig) ? (Path.GetFullPath(runtimeConfig), Path.GetFullPath(deps)) : null;
    }
}
