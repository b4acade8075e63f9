namespace MinRnnLab.Web.Hosting;

/// <summary>How the UI reaches the platform (Web:Mode); written lower-case in settings.</summary>
public enum WebMode
{
    /// <summary>Co-hosts a silo in this process, configured from section "Lab" like any other silo.</summary>
    Embedded,

    /// <summary>Joins a running cluster through its gateways (Web:Gateways).</summary>
    Client,
}
