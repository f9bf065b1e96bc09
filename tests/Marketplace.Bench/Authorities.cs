namespace Marketplace.Bench;

/// <summary>
/// England's local authorities as the DfE statistics beside the repository name them
/// (<c>../shared/data/dfe-ehc-plans/</c>): every code that appears in any year, 153 and more, so that
/// benchmarks spread their data the way a national deployment would.
/// </summary>
public static class Authorities
{
    public static IReadOnlyList<(string Code, string Name)> All(string repositoryRoot)
    {
        var folder = Path.GetFullPath(Path.Combine(repositoryRoot, "..", "shared", "data", "dfe-ehc-plans"));
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The DfE statistics are not at {folder}.");
        }

        var found = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "*.csv"))
        {
            using var reader = new StreamReader(file);
            var header = reader.ReadLine()!.Split(',');
            int level = Array.IndexOf(header, "geographic_level"), code = Array.IndexOf(header, "new_la_code"), name = Array.IndexOf(header, "la_name");
            while (reader.ReadLine() is { } line)
            {
                // The columns used come before any quoted field, so a plain split is enough here.
                var cells = line.Split(',');
                if (cells.Length > name && cells[level] == "Local authority" && cells[code].Length == 9)
                {
                    found[cells[code]] = cells[name];
                }
            }
        }

        return found.Select(p => (p.Key, p.Value)).ToList();
    }
}
