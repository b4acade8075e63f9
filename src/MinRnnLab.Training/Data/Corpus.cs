namespace MinRnnLab.Training.Data;

/// <summary>The tiny Shakespeare corpus: where it lives publicly and what its bytes must hash to.</summary>
public static class Corpus
{
    public const string FileName = "tinyshakespeare.txt";
    public const string CanonicalUrl = "https://raw.githubusercontent.com/karpathy/char-rnn/master/data/tinyshakespeare/input.txt";
    public const string Sha256 = "86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed";

    /// <summary>Environment variable naming a corpus file or a folder that holds tinyshakespeare.txt.</summary>
    public const string EnvironmentVariable = "MINRNN_DATA";
}
