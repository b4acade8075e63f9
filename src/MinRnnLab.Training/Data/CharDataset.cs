using MinRnnLab.Config;
using static TorchSharp.torch;

namespace MinRnnLab.Training.Data;

/// <summary>
/// Character-level corpus exactly as nanoGPT's shakespeare_char prepares it: the vocabulary is the sorted set
/// of distinct characters, the first 90% of the text trains and the last 10% validates.
/// </summary>
public sealed class CharDataset : IDisposable
{
    private readonly Dictionary<char, long> index;

    public CharDataset(string text)
    {
        if (text.Length < 2)
            throw new CorpusException("corpus is empty or has a single character");
        Vocabulary = text.Distinct().Order().ToArray();
        index = Vocabulary.Select((c, i) => (c, (long)i)).ToDictionary(p => p.c, p => p.Item2);
        var split = (int)(text.Length * 0.9);                                           // int(n * 0.9), as nanoGPT
        Train = tensor(Encode(text[..split]));                                          // (N_train,) int64
        Validation = tensor(Encode(text[split..]));                                     // (N_val,) int64
    }

    /// <summary>
    /// Largest corpus file read: enwik8 (100,000,000 bytes) fits. Each character costs about 18 bytes loaded (the text,
    /// its int64 tokens and their tensor), so this is about 2.4 GB.
    /// </summary>
    public const long MaxCorpusBytes = 128L << 20;

    /// <summary>The corpus at <paramref name="path"/>; a FIFO, a device or a file over <see cref="MaxCorpusBytes"/> is refused unread.</summary>
    public static CharDataset Load(string path)
    {
        UserFile.Require(path, MaxCorpusBytes, "corpus");
        return new(File.ReadAllText(path));
    }

    public IReadOnlyList<char> Vocabulary { get; }
    public int VocabSize => Vocabulary.Count;
    public Tensor Train { get; }
    public Tensor Validation { get; }

    public Tensor Split(DataSplit split) => split == DataSplit.Train ? Train : Validation;

    public long[] Encode(string text) => text.Select(c => index.TryGetValue(c, out var i)
        ? i
        : throw new ArgumentException($"character '{c}' is not in the corpus vocabulary")).ToArray();

    public string Decode(IEnumerable<long> tokens) => new(tokens.Select(t => Vocabulary[(int)t]).ToArray());

    public void Dispose()
    {
        Train.Dispose();
        Validation.Dispose();
    }
}

public enum DataSplit
{
    Train,
    Validation,
}
