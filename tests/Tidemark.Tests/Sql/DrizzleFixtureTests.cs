using Tidemark.Sql;

namespace Tidemark.Tests.Sql;

/// <summary>
/// Every .sql file drizzle-kit generated (v0.31 journal folder and v1.0 folders, copied from the
/// shared fixtures) splits into exactly drizzle's own "--> statement-breakpoint" chunks, although
/// the splitter treats the marker as an ordinary comment.
/// </summary>
public sealed class DrizzleFixtureTests
{
    private const string Breakpoint = "--> statement-breakpoint";

    public static TheoryData<string> Files()
    {
        var folder = SqlTestFiles.Folder("Fixtures");
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(folder, "*.sql", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(folder, path).Replace('\\', '/'));
        }

        return data;
    }

    [Fact]
    public void All_fixture_files_are_present()
    {
        Assert.Equal(9, Files().Count);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Statements_equal_drizzle_breakpoint_chunks(string file)
    {
        var text = File.ReadAllText(Path.Combine(SqlTestFiles.Folder("Fixtures"), file));
        var expected = DrizzleChunks(text);

        var actual = SqlSplitter.Split(text, file).Statements.Select(s => s.Text.Trim()).ToList();

        Assert.Equal(expected, actual);
        if (text.Contains("CREATE", StringComparison.Ordinal))
        {
            Assert.NotEmpty(actual);
        }
    }

    /// <summary>
    /// Drizzle's view: split on the marker, trim whitespace and one trailing ';', drop empty chunks.
    /// A chunk that is nothing but "--" comment lines (drizzle's "Custom SQL migration file" stub)
    /// is not a statement either: the server would receive an empty query.
    /// </summary>
    private static List<string> DrizzleChunks(string text) =>
        text.Split(Breakpoint)
            .Select(c => c.Trim())
            .Select(c => c.EndsWith(';') ? c[..^1].TrimEnd() : c)
            .Where(c => c.Length > 0)
            .Where(c => !c.Split('\n').All(line => line.TrimStart().StartsWith("--", StringComparison.Ordinal)))
            .ToList();
}
