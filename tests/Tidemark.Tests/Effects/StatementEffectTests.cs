using Tidemark.Effects;
using Tidemark.Sql;

namespace Tidemark.Tests.Effects;

/// <summary>What completing a half-applied migration reads from each statement: its target, and whether running it loses data.</summary>
public sealed class StatementEffectTests
{
    private static SqlStatement Statement(string sql) => Assert.Single(SqlSplitter.Split(sql, "t.sql").Statements);

    private static StatementTarget Of(string sql) => StatementTarget.Of(Statement(sql));

    [Theory]
    [InlineData("ALTER TABLE \"devices\" ADD COLUMN \"last_seen_at\" timestamp with time zone", "AddColumn", "\"devices\"", "last_seen_at", null)]
    [InlineData("ALTER TABLE ONLY public.t ADD amount numeric(10,2) NOT NULL DEFAULT 0", "AddColumn", "public.t", "amount", null)]
    [InlineData("ALTER TABLE \"deliveries\" DROP COLUMN \"legacy_ref\"", "DropColumn", "\"deliveries\"", "legacy_ref", null)]
    [InlineData("ALTER TABLE \"users\" RENAME COLUMN \"full_name\" TO \"display_name\"", "RenameColumn", "\"users\"", "full_name", "display_name")]
    [InlineData("ALTER TABLE d ADD CONSTRAINT \"d_fk\" FOREIGN KEY (x) REFERENCES p(id)", "AddConstraint", "d", "d_fk", null)]
    [InlineData("ALTER TABLE d DROP CONSTRAINT d_fk", "DropConstraint", "d", "d_fk", null)]
    public void One_action_alter_table_gives_table_and_object(string sql, string kind, string table, string name, string? label)
    {
        var t = Of(sql);
        Assert.Equal(Enum.Parse<TargetKind>(kind), t.Kind);
        Assert.Equal(table, t.Table);
        Assert.Equal(name, t.Name);
        Assert.Equal(label, t.Label);
    }

    [Theory]
    [InlineData("ALTER TABLE t ADD COLUMN a int, ADD COLUMN b int")]
    [InlineData("ALTER TABLE t ADD PRIMARY KEY (id)")]
    [InlineData("ALTER TABLE t RENAME TO u")]
    [InlineData("ALTER TABLE t ALTER COLUMN a SET NOT NULL")]
    public void Several_actions_or_other_actions_are_not_guessed(string sql) => Assert.Equal(TargetKind.Unknown, Of(sql).Kind);

    [Fact]
    public void Create_type_and_drop_table_name_their_object()
    {
        Assert.Equal((TargetKind.CreateType, "\"public\".\"status\""), (Of("CREATE TYPE \"public\".\"status\" AS ENUM('a', 'b')").Kind, Of("CREATE TYPE \"public\".\"status\" AS ENUM('a', 'b')").QualifiedText));
        Assert.Equal((TargetKind.DropTable, "old_t"), (Of("DROP TABLE old_t").Kind, Of("DROP TABLE old_t").QualifiedText));
        Assert.Equal(TargetKind.Unknown, Of("DROP TABLE a, b").Kind);
    }

    [Theory]
    [InlineData("ALTER TABLE t ADD COLUMN IF NOT EXISTS a int")]
    [InlineData("ALTER TABLE t DROP COLUMN IF EXISTS a")]
    [InlineData("ALTER TABLE t DROP CONSTRAINT IF EXISTS c")]
    public void If_exists_forms_are_safe_to_repeat(string sql) => Assert.Equal(TargetKind.Idempotent, Of(sql).Kind);

    [Theory]
    [InlineData("ALTER TABLE \"deliveries\" DROP COLUMN \"legacy_ref\"", true)]
    [InlineData("DROP TABLE old_t", true)]
    [InlineData("TRUNCATE t", true)]
    [InlineData("DELETE FROM t WHERE a = 1", true)]
    [InlineData("ALTER TABLE t ALTER COLUMN a TYPE bigint", true)]
    [InlineData("ALTER TABLE t ALTER COLUMN a SET DATA TYPE text", true)]
    [InlineData("ALTER TABLE t DROP CONSTRAINT c", false)]
    [InlineData("ALTER TABLE t ALTER COLUMN a DROP DEFAULT", false)]
    [InlineData("ALTER TABLE t ALTER COLUMN a DROP NOT NULL", false)]
    [InlineData("ALTER TABLE t ADD COLUMN a int", false)]
    [InlineData("CREATE INDEX i ON t (a)", false)]
    public void Statements_that_destroy_rows_or_values_lose_data(string sql, bool loses) => Assert.Equal(loses, EffectProbe.LosesData(Statement(sql)));
}
