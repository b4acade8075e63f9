namespace MinRnnLab.Abstractions;

/// <summary>Orleans cluster identity shared by silos and clients.</summary>
public static class LabCluster
{
    public const string ServiceId = "minrnnlab";
    public const string ClusterId = "minrnnlab";

    /// <summary>The ports a silo listens on when none are configured (Lab:SiloPort, Lab:GatewayPort): the one place clients and silos agree on them.</summary>
    public const int DefaultSiloPort = 11111, DefaultGatewayPort = 30000;
}
