using TorchSharp.Modules;
using System.Text.Json;
using System.Text.Json.Serialization;
using MinRnnLab.Models;
using static TorchSharp.torch;

namespace MinRnnLab.Training.Checkpoints;

/// <summary>
/// A checkpoint is a folder: model.bin, optimizer.bin and state.json. It is written to a temp folder and
/// swapped in by rename, so a crash mid-write leaves the previous checkpoint intact (and a "checkpoint.tmp-*"
/// folder, which the next save removes).
/// </summary>
public static class CheckpointStore
{
    private const string ModelFile = "model.bin";
    private const string OptimizerFile = "optimizer.bin";
    private const string StateFile = "state.json";

    // A checkpoint taken before the first evaluation (a silo shutting down right after a start) holds a best
    // validation loss of +∞, which plain JSON numbers cannot carry.
    private static readonly JsonSerializerOptions StateJson = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static void Save(string folder, LanguageModel model, OptimizerHelper optimizer, CheckpointState state)
    {
        var full = Path.GetFullPath(folder);
        var parent = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(parent);
        RemoveOrphans(full);
        var temp = $"{TempPrefix(full)}{Guid.NewGuid():N}";
        var previous = $"{full}.old";
        Directory.CreateDirectory(temp);
        try
        {
            model.save(Path.Combine(temp, ModelFile));
            optimizer.save_state_dict(Path.Combine(temp, OptimizerFile));
            File.WriteAllText(Path.Combine(temp, StateFile), JsonSerializer.Serialize(state, StateJson));
            if (Directory.Exists(previous))
                Directory.Delete(previous, recursive: true);
            if (Directory.Exists(full))
                Directory.Move(full, previous);
            Directory.Move(temp, full);
            if (Directory.Exists(previous))
                Directory.Delete(previous, recursive: true);
        }
        catch
        {
            TryDelete(temp);                                                            // the write's own error is the one to report
            throw;
        }
    }

    /// <summary>
    /// Removes the temp folders of saves that never finished (the process died mid-write). One attempt trains a run
    /// at a time, so a temp folder found when an attempt starts or saves is an orphan — or a stale worker's that lost
    /// its lease, whose save then fails, as it should.
    /// </summary>
    public static void RemoveOrphans(string folder)
    {
        var full = Path.GetFullPath(folder);
        var parent = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(parent))
            return;
        foreach (var orphan in Directory.EnumerateDirectories(parent, $"{Path.GetFileName(TempPrefix(full))}*"))
            TryDelete(orphan);
    }

    private static string TempPrefix(string fullFolder) => $"{fullFolder}.tmp-";

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
                Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next save to remove.
        }
    }

    /// <summary>The folder holding a complete checkpoint: the given one, or the previous one a crash left behind.</summary>
    public static string? Find(string folder)
    {
        var full = Path.GetFullPath(folder);
        if (File.Exists(Path.Combine(full, StateFile)))
            return full;
        var previous = $"{full}.old";
        return File.Exists(Path.Combine(previous, StateFile)) ? previous : null;
    }

    /// <summary>The checkpoint's state; a state file that is not one (damaged, or not ours) is an InvalidDataException naming it.</summary>
    public static CheckpointState ReadState(string folder)
    {
        var path = Path.Combine(Find(folder) ?? throw new FileNotFoundException($"no checkpoint in {folder}"), StateFile);
        CheckpointState? state;
        try
        {
            state = JsonSerializer.Deserialize<CheckpointState>(File.ReadAllText(path), StateJson);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"checkpoint state {path} is damaged: {e.Message}", e);
        }
        if (state is null)
            throw new InvalidDataException($"checkpoint state {path} is empty");
        var missing = new List<string>();
        if (state.ConfigJson is null)
            missing.Add(nameof(state.ConfigJson));
        if (state.Vocabulary is null)
            missing.Add(nameof(state.Vocabulary));
        if (state.TorchRngState is null)
            missing.Add(nameof(state.TorchRngState));
        return missing.Count == 0
            ? state
            : throw new InvalidDataException($"checkpoint state {path} has no {string.Join(", ", missing)}");
    }

    /// <summary>
    /// What the checkpoint in the folder is, without loading it: its step, when its state file was written (UTC) and
    /// the bytes of its files together; null when there is none.
    /// </summary>
    public static (int Step, DateTimeOffset WrittenAt, long Bytes)? Describe(string folder)
    {
        for (var tries = 1; ; tries++)
        {
            try
            {
                if (Find(folder) is not { } found)
                    return null;
                var stateFile = new FileInfo(Path.Combine(found, StateFile));
                var bytes = new DirectoryInfo(found).EnumerateFiles().Sum(f => f.Length);
                return (ReadState(found).Step, new DateTimeOffset(stateFile.LastWriteTimeUtc, TimeSpan.Zero), bytes);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException && tries < 3)
            {
                // A save swapped the folders while we read (see Save): look again.
            }
        }
    }

    public static void LoadModel(string folder, LanguageModel model) =>
        Load(folder, ModelFile, path => model.load(path));

    public static void LoadOptimizer(string folder, OptimizerHelper optimizer) =>
        Load(folder, OptimizerFile, path => optimizer.load_state_dict(path));

    // TorchSharp reports a damaged or foreign weights file as a size mismatch or a read past its end, without naming it.
    private static void Load(string folder, string file, Action<string> load)
    {
        var path = Path.Combine(Find(folder) ?? throw new FileNotFoundException($"no checkpoint in {folder}"), file);
        try
        {
            load(path);
        }
        catch (Exception e) when (e is ArgumentException or EndOfStreamException)
        {
            throw new InvalidDataException($"checkpoint file {path} is damaged or was written for another model: {e.Message}", e);
        }
    }
}
