using Tidemark.Recovery;
using Tidemark.Sql;
using Tidemark.Effects;

namespace Tidemark.Tests.Recovery;

/// <summary>What the resume verifier reads from a statement's tokens.</summary>
public sealed class StatementTargetTests
{
    private static StatementTarget Of(string sql) => StatementTarget.Of(Assert.Single(SqlSplitter.Split(sql, "t.sql").Statements));

    [Theory]
    [InlineData("CREATE INDEX CONCURRENTLY big_a_idx ON big (a)", "big_a_idx", "big")]
    [InlineData("create unique index concurrently \"Big Idx\" on only public.\"Big\" using btree (a)", "Big Idx", "public.\"Big\"")]
    [InlineData("CREATE INDEX Mixed_Case ON s.t (a) WHERE a > 0", "mixed_case", "s.t")]
    [InlineData("/* lead */ CREATE INDEX CONCURRENTLY ON t (a)", null, "t")]
    public void Create_index_gives_index_name_and_table(string sql, string? name, string table)
    {
        var t = Of(sql);
        Assert.Equal(TargetKind.CreateIndex, t.Kind);
        Assert.Equal(name, t.Name);
        Assert.Equal(table, t.Table);
    }

    [Theory]
    [InlineData("ALTER TYPE mood ADD VALUE 'it''s'", "mood", "it's")]
    [InlineData("ALTER TYPE public.\"Mood\" ADD VALUE 'x' BEFORE 'y'", "public.\"Mood\"", "x")]
    public void Add_enum_value_gives_type_and_label(string sql, string type, string label)
    {
        var t = Of(sql);
        Assert.Equal(TargetKind.AddEnumValue, t.Kind);
        Assert.Equal(type, t.QualifiedText);
        Assert.Equal(label, t.Label);
    }

    [Theory]
    [InlineData("CREATE TABLE side (id int)", "table", "side")]
    [InlineData("CREATE UNLOGGED TABLE s.side (id int)", "table", "s.side")]
    [InlineData("CREATE MATERIALIZED VIEW mv AS SELECT 1", "materialized view", "mv")]
    [InlineData("CREATE SEQUENCE seq", "sequence", "seq")]
    public void Create_relation_gives_kind_and_name(string sql, string kind, string qualified)
    {
        var t = Of(sql);
        Assert.Equal(TargetKind.CreateRelation, t.Kind);
        Assert.Equal(kind, t.RelationKind);
        Assert.Equal(qualified, t.QualifiedText);
    }

    [Theory]
    [InlineData("CREATE INDEX IF NOT EXISTS i ON t (a)", "Idempotent")]
    [InlineData("CREATE TABLE IF NOT EXISTS t (a int)", "Idempotent")]
    [InlineData("CREATE OR REPLACE VIEW v AS SELECT 1", "Idempotent")]
    [InlineData("DROP INDEX CONCURRENTLY IF EXISTS i", "Idempotent")]
    [InlineData("ALTER TYPE mood ADD VALUE IF NOT EXISTS 'x'", "Idempotent")]
    [InlineData("DROP INDEX CONCURRENTLY s.i", "DropIndex")]
    [InlineData("DROP INDEX a, b", "Unknown")]
    [InlineData("ALTER TYPE mood ADD VALUE E'x'", "Unknown")]
    [InlineData("INSERT INTO t VALUES (1)", "Unknown")]
    [InlineData("VACUUM big", "Unknown")]
    public void Other_statements_are_classified(string sql, string kind) => Assert.Equal(kind, Of(sql).Kind.ToString());
}
