namespace Verifier.Trainer.Tasks;

/// <summary>The lines of a JSONL file that hold something, with their 1-based numbers for error messages.</summary>
internal static class JsonlLines
{
    public static IEnumerable<(int Number, string Text)> Read(string path)
    {
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return (number, line);
            }
        }
    }
}
