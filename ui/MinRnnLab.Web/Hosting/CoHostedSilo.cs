namespace MinRnnLab.Web.Hosting;

/// <summary>
/// What an app that co-hosts a silo hands the web (ui/MinRnnLab.Web.Embedded does): how to put the silo in the
/// builder, and its own name, by which its static web assets manifest is found. The web itself compiles against the
/// client only, so a client-mode image carries no libtorch, SQLite or Npgsql.
/// </summary>
public sealed record CoHostedSilo(string ApplicationName, Action<WebApplicationBuilder> AddSilo);
