namespace MinRnnLab.Abstractions;

/// <summary>Orleans cluster identity shared by silos and clients.</summary>
public static class LabCluster
{
    public const string ServiceId = "minrnnlab";
    public const string ClusterId = "minrnnlab";
}
