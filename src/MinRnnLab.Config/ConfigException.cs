namespace MinRnnLab.Config;

/// <summary>A config problem a user can fix: the message names the key, the value and where it came from.</summary>
public sealed class ConfigException(string message) : Exception(message);
