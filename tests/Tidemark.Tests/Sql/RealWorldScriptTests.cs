using Tidemark.Sql;

namespace Tidemark.Tests.Sql;

/// <summary>
/// RealWorld/system_functions.sql is PostgreSQL 15's own src/backend/catalog/system_functions.sql
/// (PostgreSQL licence, header kept): 736 lines with SQL-standard function bodies (BEGIN ATOMIC),
/// string bodies, defaults and GRANT/REVOKE lists. psql 15 sends it as exactly 139 statements.
/// </summary>
public sealed class RealWorldScriptTests
{
    [Fact]
    public void Postgres_system_functions_split_like_psql()
    {
        var path = Path.Combine(SqlTestFiles.Folder("RealWorld"), "system_functions.sql");
        var script = SqlSplitter.Split(SqlTestFiles.ReadText(path), "system_functions.sql");

        Assert.Equal(139, script.Statements.Count);
        Assert.Equal(75, script.Statements.Count(s => s.Keyword == "CREATE FUNCTION"));
        Assert.Equal(53, script.Statements.Count(s => s.Keyword == "REVOKE"));
        Assert.Equal(11, script.Statements.Count(s => s.Keyword == "GRANT"));
        Assert.All(script.Statements, s => Assert.Equal(StatementTraits.None, s.Traits));

        var atomic = script.Statements.Where(s => s.Text.Contains("BEGIN ATOMIC", StringComparison.Ordinal)).ToList();
        Assert.Equal(6, atomic.Count);
        Assert.All(atomic, s => Assert.EndsWith("\nEND", s.Text, StringComparison.Ordinal));
        Assert.Equal(new TextPosition(284, 1), atomic[0].Start);
        Assert.Equal(new TextPosition(294, 3), atomic[0].End);
    }
}
