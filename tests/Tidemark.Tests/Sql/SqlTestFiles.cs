namespace Tidemark.Tests.Sql;

/// <summary>Finds the test data next to these sources by walking up from the test binaries to the repository root.</summary>
internal static class SqlTestFiles
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string Folder(string name) => Path.Combine(Root.Value, "tests", "Tidemark.Tests", "Sql", name);

    /// <summary>Reads a data file with '\n' line ends whatever git's checkout did to them.</summary>
    public static string ReadText(string path) => File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tidemark.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Tidemark.slnx not found above {AppContext.BaseDirectory}");
    }
}
