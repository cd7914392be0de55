using System.Globalization;
using System.Text;
using Tidemark.Sql;

namespace Tidemark.Tests.Sql;

/// <summary>
/// The golden corpus: each Corpus/NNN_name.sql is split and compared with NNN_name.expected.
/// Expected format: for every statement a header line <c>@ line:col-line:col KEYWORD | Traits</c>
/// (End is the statement's last char; KEYWORD "-" when it does not start with a word) followed by
/// its exact text; <c># no statements</c> for none; or, for a script that must be rejected,
/// <c>! line:col problem</c> plus optional <c>? text the next step must contain</c> lines.
/// </summary>
public sealed class SqlCorpusTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(SqlTestFiles.Folder("Corpus"), "*.sql").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(path));
        }

        return data;
    }

    [Fact]
    public void Corpus_is_large_and_every_case_has_an_expectation()
    {
        var folder = SqlTestFiles.Folder("Corpus");
        var cases = Directory.GetFiles(folder, "*.sql");
        Assert.True(cases.Length >= 60, $"only {cases.Length} corpus cases");
        Assert.All(cases, c => Assert.True(File.Exists(Path.ChangeExtension(c, ".expected")), $"{c} has no .expected file"));
        Assert.True(cases.Count(c => SqlTestFiles.ReadText(Path.ChangeExtension(c, ".expected")).StartsWith('!')) >= 15);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Splits_like_the_expectation(string name)
    {
        var folder = SqlTestFiles.Folder("Corpus");
        var text = SqlTestFiles.ReadText(Path.Combine(folder, name + ".sql"));
        var expected = SqlTestFiles.ReadText(Path.Combine(folder, name + ".expected"));
        var source = $"corpus/{name}.sql";

        if (expected.StartsWith('!'))
        {
            AssertRejected(text, source, expected);
            return;
        }

        var script = SqlSplitter.Split(text, source);
        Assert.Equal(expected, Render(script));
        for (var i = 0; i < script.Statements.Count; i++)
        {
            var s = script.Statements[i];
            Assert.Equal(i, s.Index);
            Assert.Equal(text.Substring(s.StartOffset, s.Length), s.Text);
            Assert.Equal(script.PositionAt(s.StartOffset), s.Start);
            Assert.Equal(script.PositionAt(s.StartOffset + s.Length - 1), s.End);
        }
    }

    private static void AssertRejected(string text, string source, string expected)
    {
        var lines = expected.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var ex = Assert.Throws<SqlSyntaxException>(() => SqlSplitter.Split(text, source));
        Assert.Equal(lines[0], $"! {ex.Line}:{ex.Column} {ex.Problem}");
        Assert.Equal(source, ex.SourceName);
        Assert.StartsWith($"{source}: line {ex.Line}, column {ex.Column}: ", ex.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(ex.NextStep), "every syntax error says what to do next");
        foreach (var hint in lines.Skip(1).Where(l => l.StartsWith("? ", StringComparison.Ordinal)))
        {
            Assert.Contains(hint[2..], ex.NextStep, StringComparison.Ordinal);
        }
    }

    private static string Render(SqlScript script)
    {
        var sb = new StringBuilder();
        if (script.Statements.Count == 0)
        {
            sb.Append("# no statements\n");
        }

        foreach (var s in script.Statements)
        {
            var keyword = s.Keyword.Length == 0 ? "-" : s.Keyword;
            sb.Append(CultureInfo.InvariantCulture, $"@ {s.Start.Line}:{s.Start.Column}-{s.End.Line}:{s.End.Column} {keyword} | {s.Traits}\n");
            sb.Append(s.Text).Append('\n');
        }

        return sb.ToString();
    }
}
