using MinRnnLab.Grains.Hosting;
using MinRnnLab.Web.Hosting;

// `dotnet run --project ui/MinRnnLab.Web` is a whole platform: UI + co-hosted silo + CPU slot, on localhost.
// SIGTERM and Ctrl+C stop it gracefully: the co-hosted silo's slots checkpoint their runs and hand them back.
WebApplication app;
try
{
    app = LabWebApp.Build(args);
}
catch (DataFolderInUseException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
await app.RunAsync();
return 0;
