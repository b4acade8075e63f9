using System;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

// Marks one ELF version need (a .gnu.version_r "vernaux" entry) as weak, but only when no libstdc++ on
// this system provides that version. See TorchSharpGlibcxxFix.targets for why.
public sealed class WeakenElfVersionNeed : Task
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlagWeak = 0x2;

    [Required] public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();
    [Required] public string VersionName { get; set; } = "";

    public override bool Execute()
    {
        if (SystemProvidesVersion())
            return true;
        foreach (var file in Files.Select(f => f.ItemSpec).Distinct().Where(File.Exists))
        {
            var patched = MarkWeak(file);
            if (patched)
                Log.LogMessage(MessageImportance.High, "Marked {0} need weak in {1} (system libstdc++ lacks it)", VersionName, file);
        }
        return !Log.HasLoggedErrors;
    }

    private bool SystemProvidesVersion()
    {
        string[] candidates =
        {
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/usr/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6",
        };
        var needle = Encoding.ASCII.GetBytes(VersionName + "\0");
        var found = candidates.Where(File.Exists).ToList();
        return found.Count > 0 && found.Any(path => IndexOf(File.ReadAllBytes(path), needle) >= 0);
    }

    private bool MarkWeak(string path)
    {
        var elf = File.ReadAllBytes(path);
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[4] != 2 || elf[5] != 1)
        {
            Log.LogError("{0}: not a little-endian 64-bit ELF file", path);
            return false;
        }
        var shoff = (long)BitConverter.ToUInt64(elf, 0x28);
        int shentsize = BitConverter.ToUInt16(elf, 0x3A), shnum = BitConverter.ToUInt16(elf, 0x3C);
        for (var i = 0; i < shnum; i++)
        {
            var sh = (int)(shoff + i * shentsize);
            if (BitConverter.ToUInt32(elf, sh + 4) != ShtGnuVerneed)
                continue;
            var offset = (int)BitConverter.ToUInt64(elf, sh + 24);
            var strtabHeader = (int)(shoff + BitConverter.ToUInt32(elf, sh + 40) * shentsize);
            var strtab = (int)BitConverter.ToUInt64(elf, strtabHeader + 24);
            var needCount = BitConverter.ToUInt32(elf, sh + 44);
            var changed = false;
            for (var n = 0; n < needCount; n++)
            {
                // Elf64_Verneed: vn_version u16, vn_cnt u16, vn_file u32, vn_aux u32, vn_next u32
                int auxCount = BitConverter.ToUInt16(elf, offset + 2);
                var aux = offset + (int)BitConverter.ToUInt32(elf, offset + 8);
                for (var a = 0; a < auxCount; a++)
                {
                    // Elf64_Vernaux: vna_hash u32, vna_flags u16, vna_other u16, vna_name u32, vna_next u32
                    var name = ReadCString(elf, strtab + (int)BitConverter.ToUInt32(elf, aux + 8));
                    var flags = BitConverter.ToUInt16(elf, aux + 4);
                    if (name == VersionName && (flags & VerFlagWeak) == 0)
                    {
                        BitConverter.GetBytes((ushort)(flags | VerFlagWeak)).CopyTo(elf, aux + 4);
                        changed = true;
                    }
                    aux += (int)BitConverter.ToUInt32(elf, aux + 12);
                }
                offset += (int)BitConverter.ToUInt32(elf, offset + 12);
            }
            if (changed)
            {
                // Write beside first, so a failed write never leaves a truncated library.
                var temp = path + ".patching";
                File.WriteAllBytes(temp, elf);
                File.Copy(temp, path, true);
                File.Delete(temp);
            }
            return changed;
        }
        return false;
    }

    private static string ReadCString(byte[] bytes, int start)
    {
        var end = Array.IndexOf(bytes, (byte)0, start);
        return Encoding.ASCII.GetString(bytes, start, end - start);
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i <= haystack.Length - needle.Length; i++)
        {
            var j = 0;
            while (j < needle.Length && haystack[i + j] == needle[j]) j++;
            if (j == needle.Length) return i;
        }
        return -1;
    }
}
