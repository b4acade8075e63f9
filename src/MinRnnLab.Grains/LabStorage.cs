namespace MinRnnLab.Grains;

/// <summary>Name of the grain storage provider every platform grain persists to.</summary>
public static class LabStorage
{
    public const string Name = "lab";
}
