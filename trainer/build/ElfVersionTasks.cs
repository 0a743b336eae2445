// MSBuild inline tasks (RoslynCodeTaskFactory) used by LibTorchSharp.Glibcxx.targets.
// They read and patch ELF files directly so that the build needs nothing beyond gcc and patchelf.
using System;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>Finds the system libstdc++ and tells whether it defines a given symbol version.</summary>
public sealed class LibStdCxxHasVersion : Task
{
    [Required] public string Version { get; set; } = "";

    /// <summary>Paths to look at first (e.g. from `ldconfig -p`); standard locations follow.</summary>
    public string[] Candidates { get; set; } = Array.Empty<string>();

    [Output] public bool HasVersion { get; set; }

    [Output] public string LibraryPath { get; set; } = "";

    public override bool Execute()
    {
        var standard = new[]
        {
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/usr/lib64/libstdc++.so.6", "/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6",
        };
        var path = Candidates.Concat(standard).FirstOrDefault(File.Exists);
        if (path is null)
        {
            Log.LogError("Could not find the system libstdc++.so.6 to check for {0}.", Version);
            return false;
        }

        LibraryPath = Path.GetFullPath(path);
        // A version name appears NUL-terminated in .dynstr; matching the terminator keeps
        // GLIBCXX_3.4.3 from matching GLIBCXX_3.4.32.
        var text = Encoding.ASCII.GetString(File.ReadAllBytes(LibraryPath));
        HasVersion = text.IndexOf(Version + "\0", StringComparison.Ordinal) >= 0;
        return true;
    }
}

/// <summary>
/// Sets VER_FLG_WEAK on the .gnu.version_r (verneed) entry with the given version name, so that the
/// dynamic loader accepts a libstdc++ that lacks the version instead of refusing to load the library.
/// </summary>
public sealed class MarkVersionNeedWeak : Task
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;

    [Required] public string File { get; set; } = "";

    [Required] public string Version { get; set; } = "";

    public override bool Execute()
    {
        var elf = System.IO.File.ReadAllBytes(File);
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[4] != 2 || elf[5] != 1)
        {
            Log.LogError("{0} is not a little-endian 64-bit ELF file.", File);
            return false;
        }

        var shOff = (long)BitConverter.ToUInt64(elf, 0x28);
        int shEntSize = BitConverter.ToUInt16(elf, 0x3A);
        int shNum = BitConverter.ToUInt16(elf, 0x3C);
        for (var i = 0; i < shNum; i++)
        {
            var sh = (int)(shOff + (long)i * shEntSize);
            if (BitConverter.ToUInt32(elf, sh + 4) != ShtGnuVerneed)
            {
                continue;
            }

            var offset = (int)BitConverter.ToUInt64(elf, sh + 24);
            var stringTable = (int)(shOff + (long)BitConverter.ToUInt32(elf, sh + 40) * shEntSize);
            var strOffset = (int)BitConverter.ToUInt64(elf, stringTable + 24);
            var needCount = BitConverter.ToUInt32(elf, sh + 44);
            if (MarkWeak(elf, offset, needCount, strOffset))
            {
                System.IO.File.WriteAllBytes(File, elf);
                Log.LogMessage(MessageImportance.Normal, "Marked {0} weak in {1}.", Version, File);
                return true;
            }
        }

        Log.LogError("{0} has no version requirement named {1}.", File, Version);
        return false;
    }

    // Verneed: vn_version u16, vn_cnt u16, vn_file u32, vn_aux u32, vn_next u32.
    // Vernaux: vna_hash u32, vna_flags u16, vna_other u16, vna_name u32, vna_next u32.
    private bool MarkWeak(byte[] elf, int verneed, uint needCount, int strOffset)
    {
        for (var n = 0; n < needCount; n++)
        {
            int auxCount = BitConverter.ToUInt16(elf, verneed + 2);
            var aux = verneed + (int)BitConverter.ToUInt32(elf, verneed + 8);
            for (var a = 0; a < auxCount; a++)
            {
                var name = ReadString(elf, strOffset + (int)BitConverter.ToUInt32(elf, aux + 8));
                if (name == Version)
                {
                    var flags = (ushort)(BitConverter.ToUInt16(elf, aux + 4) | VerFlgWeak);
                    BitConverter.GetBytes(flags).CopyTo(elf, aux + 4);
                    return true;
                }

                aux += (int)BitConverter.ToUInt32(elf, aux + 12);
            }

            verneed += (int)BitConverter.ToUInt32(elf, verneed + 12);
        }

        return false;
    }

    private static string ReadString(byte[] elf, int start)
    {
        var end = Array.IndexOf(elf, (byte)0, start);
        return Encoding.ASCII.GetString(elf, start, end - start);
    }
}
