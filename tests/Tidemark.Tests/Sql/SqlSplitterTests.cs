using System.Globalization;
using System.Text;
using Tidemark.Sql;

namespace Tidemark.Tests.Sql;

/// <summary>Behaviour that is easier to state in code than in the corpus.</summary>
public sealed class SqlSplitterTests
{
    [Fact]
    public void Classification_is_reset_between_statements_after_a_very_long_one()
    {
        var sb = new StringBuilder("INSERT INTO t VALUES ");
        for (var i = 0; i < 5000; i++)
        {
            sb.Append(i == 0 ? string.Empty : ", ").Append(CultureInfo.InvariantCulture, $"({i}, 'v{i};')");
        }

        sb.Append(";\nCREATE INDEX CONCURRENTLY i ON t (a);\nBEGIN;");
        var statements = SqlSplitter.Split(sb.ToString(), "long.sql").Statements;

        Assert.Equal(3, statements.Count);
        Assert.Equal(StatementTraits.None, statements[0].Traits);
        Assert.True(statements[1].RequiresNoTransaction);
        Assert.True(statements[2].IsTransactionControl);
        Assert.Equal(new TextPosition(2, 1), statements[1].Start);
    }

    [Fact]
    public void Copy_from_stdin_with_many_columns_is_still_rejected()
    {
        var columns = string.Join(", ", Enumerable.Range(0, 400).Select(i => $"c{i}"));
        var ex = Assert.Throws<SqlSyntaxException>(() => SqlSplitter.Split($"SELECT 1;\nCOPY t ({columns}) FROM STDIN;\n1\n\\.\n", "copy.sql"));
        Assert.Equal((2, 1), (ex.Line, ex.Column));
        Assert.Contains("COPY", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Keywords_of_known_statements_are_shared_strings()
    {
        var a = SqlSplitter.Split("create table a (x int)", "a.sql").Statements[0].Keyword;
        var b = SqlSplitter.Split("CREATE TABLE b (x int)", "b.sql").Statements[0].Keyword;
        Assert.Equal("CREATE TABLE", a);
        Assert.Same(a, b);
    }

    [Fact]
    public void Unbalanced_closing_parenthesis_does_not_swallow_the_rest()
    {
        var statements = SqlSplitter.Split("SELECT 1);\nSELECT 2;", "paren.sql").Statements;
        Assert.Equal(["SELECT 1)", "SELECT 2"], statements.Select(s => s.Text));
    }

    [Fact]
    public void Meta_command_error_names_source_line_and_command()
    {
        var ex = Assert.Throws<SqlSyntaxException>(() => SqlSplitter.Split("SELECT 1;\n\n  \\ir ../common.sql\n", "db/0003_x.sql"));
        Assert.Equal("db/0003_x.sql: line 3, column 3: psql meta-command \\ir is not SQL", ex.Message);
        Assert.Contains("not psql scripts", ex.NextStep, StringComparison.Ordinal);
    }
}
