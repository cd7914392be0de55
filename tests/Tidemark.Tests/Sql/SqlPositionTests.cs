using Tidemark.Sql;

namespace Tidemark.Tests.Sql;

/// <summary>
/// Offsets and line/column positions agree. Lines end at '\n' (a '\r' before it is the last char
/// of its line); columns count UTF-16 chars. A byte order mark (U+FEFF) at offset 0 is char 0 of
/// line 1 and is skipped as whitespace, so a statement right after it starts at offset 1, column 2,
/// and every offset still maps to the column an editor showing the BOM would count.
/// </summary>
public sealed class SqlPositionTests
{
    [Fact]
    public void Every_char_of_every_statement_maps_to_its_line_and_column()
    {
        const string text = "-- header\n\n  CREATE TABLE t (\n\tid int, -- c\n  name text\n);\n\n/* x */ INSERT INTO t VALUES (1, 'a\nb');\nSELECT 1";
        var script = SqlSplitter.Split(text, "positions.sql");
        Assert.Equal(3, script.Statements.Count);
        foreach (var s in script.Statements)
        {
            for (var k = 0; k < s.Length; k++)
            {
                Assert.Equal(CountPosition(text, s.StartOffset + k), script.PositionAt(s.StartOffset + k));
            }
        }

        Assert.Equal(new TextPosition(3, 3), script.Statements[0].Start);
        Assert.Equal(new TextPosition(6, 1), script.Statements[0].End);
        Assert.Equal(new TextPosition(8, 9), script.Statements[1].Start);
        Assert.Equal(new TextPosition(9, 3), script.Statements[1].End);
        Assert.Equal(new TextPosition(10, 1), script.Statements[2].Start);
    }

    [Fact]
    public void Crlf_files_map_positions_and_keep_crlf_inside_statements()
    {
        const string text = "SELECT 1;\r\nCREATE TABLE t (\r\n  id int\r\n);\r\n";
        var script = SqlSplitter.Split(text, "crlf.sql");

        Assert.Equal(2, script.Statements.Count);
        var create = script.Statements[1];
        Assert.Equal("CREATE TABLE t (\r\n  id int\r\n)", create.Text);
        Assert.Equal(11, create.StartOffset);
        Assert.Equal(new TextPosition(2, 1), create.Start);
        Assert.Equal(new TextPosition(4, 1), create.End);
        var id = create.Text.IndexOf("id", StringComparison.Ordinal);
        Assert.Equal(new TextPosition(3, 3), script.PositionAt(create.StartOffset + id));
        Assert.Equal(new TextPosition(2, 17), script.PositionAt(create.StartOffset + create.Text.IndexOf('\r', StringComparison.Ordinal)));
        Assert.Equal(new TextPosition(1, 8), script.Statements[0].End);
    }

    [Fact]
    public void Errors_in_crlf_files_point_at_the_right_line()
    {
        var ex = Assert.Throws<SqlSyntaxException>(() => SqlSplitter.Split("SELECT 1;\r\n\r\n  SELECT $fn$ x;\r\n", "crlf.sql"));
        Assert.Equal((3, 10), (ex.Line, ex.Column));
    }

    [Fact]
    public void Bom_is_char_zero_and_skipped_as_whitespace()
    {
        const string text = "\uFEFFSELECT 1;\nSELECT 2;";
        var script = SqlSplitter.Split(text, "bom.sql");

        Assert.Equal(2, script.Statements.Count);
        var first = script.Statements[0];
        Assert.Equal("SELECT 1", first.Text);
        Assert.Equal(1, first.StartOffset);
        Assert.Equal(new TextPosition(1, 2), first.Start);
        for (var k = 0; k < first.Length; k++)
        {
            Assert.Equal(new TextPosition(1, 2 + k), script.PositionAt(first.StartOffset + k));
        }

        Assert.Equal(new TextPosition(2, 1), script.Statements[1].Start);
        Assert.Empty(SqlSplitter.Split("\uFEFF", "bom-only.sql").Statements);
        Assert.Empty(SqlSplitter.Split("\uFEFF-- nothing\n", "bom-comment.sql").Statements);
    }

    [Fact]
    public void Errors_after_a_bom_use_the_same_columns()
    {
        var ex = Assert.Throws<SqlSyntaxException>(() => SqlSplitter.Split("\uFEFFSELECT 'x", "bom.sql"));
        Assert.Equal((1, 9), (ex.Line, ex.Column));
    }

    [Fact]
    public void Surrogate_pairs_count_as_two_columns()
    {
        const string text = "SELECT '😀'; SELECT 2;";
        var script = SqlSplitter.Split(text, "emoji.sql");
        Assert.Equal(new TextPosition(1, 14), script.Statements[1].Start);
        Assert.Equal("SELECT '😀'", script.Statements[0].Text);
    }

    private static TextPosition CountPosition(string text, int offset)
    {
        int line = 1, column = 1;
        for (var i = 0; i < offset; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        return new TextPosition(line, column);
    }
}
