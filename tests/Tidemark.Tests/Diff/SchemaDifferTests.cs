using Tidemark.Catalog;
using Tidemark.Diff;
using static Tidemark.Tests.Diff.ModelFactory;

namespace Tidemark.Tests.Diff;

public sealed class SchemaDifferTests
{
    private static int IndexOf(SchemaDiff diff, string sqlStart) =>
        diff.Changes.ToList().FindIndex(c => c.Sql.StartsWith(sqlStart, StringComparison.Ordinal));

    [Fact]
    public void Identical_models_diff_to_nothing()
    {
        var m = Model([Table("t", Col("id", notNull: true)) with { Constraints = [Pk("t_pkey", "id")] }]);
        var diff = SchemaDiffer.Diff(m, m with { });
        Assert.True(diff.IsEmpty);
        Assert.Equal("", diff.ToSql());
    }

    [Fact]
    public void A_column_that_comes_back_is_appended_and_a_note_says_so_only_when_the_order_differs()
    {
        var middle = SchemaDiffer.Diff(
            Model([Table("t", Col("a"), Col("c"))]),
            Model([Table("t", Col("a"), Col("b", "text"), Col("c"))]));
        Assert.Equal(["ALTER TABLE public.t ADD COLUMN b text"], middle.Changes.Select(c => c.Sql));
        Assert.Contains("-- note: table public.t: b is appended after the existing columns", middle.ToSql(), StringComparison.Ordinal);

        var last = SchemaDiffer.Diff(
            Model([Table("t", Col("a"), Col("c"))]),
            Model([Table("t", Col("a"), Col("c"), Col("b", "text"))]));
        Assert.DoesNotContain("-- note:", last.ToSql(), StringComparison.Ordinal);

        // Only the order differs: nothing to change, and the note says the order is kept.
        var reordered = SchemaDiffer.Diff(Model([Table("t", Col("a"), Col("c"))]), Model([Table("t", Col("c"), Col("a"))]));
        Assert.Empty(reordered.Changes);
        Assert.Contains("column order differs", reordered.ToSql(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_column_dropped_and_added_again_gets_its_comment_back()
    {
        var from = Model([Table("t", Col("id", notNull: true), Col("c", "integer") with { Comment = "about it" })]);
        var to = Model([Table("t", Col("id", notNull: true), Col("c", "integer") with { Comment = "about it", Generated = "(id * 7)" })]);
        var diff = SchemaDiffer.Diff(from, to);
        var sql = diff.Changes.Select(c => c.Sql).ToList();
        Assert.Contains("ALTER TABLE public.t DROP COLUMN c", sql);
        Assert.True(sql.IndexOf("COMMENT ON COLUMN public.t.c IS 'about it'") > sql.FindIndex(s => s.StartsWith("ALTER TABLE public.t ADD COLUMN c", StringComparison.Ordinal)));
    }

    [Fact]
    public void Enum_values_are_added_in_place_before_or_after_and_require_a_commit()
    {
        var from = Model(enums: [new EnumInfo(N("mood"), ["sad", "ok"])]);
        var to = Model(enums: [new EnumInfo(N("mood"), ["awful", "sad", "meh", "ok", "great"])]);
        var diff = SchemaDiffer.Diff(from, to);
        Assert.Equal(
            [
                "ALTER TYPE public.mood ADD VALUE 'awful' BEFORE 'sad'",
                "ALTER TYPE public.mood ADD VALUE 'meh' AFTER 'sad'",
                "ALTER TYPE public.mood ADD VALUE 'great' AFTER 'ok'",
            ],
            diff.Changes.Select(c => c.Sql));
        Assert.All(diff.Changes, c => Assert.True(c.RequiresCommit));
        Assert.Equal(Hazards.None, diff.Hazards);
    }

    [Fact]
    public void Enum_label_removal_recreates_the_type_with_data_loss_or_is_refused()
    {
        var from = Model([Table("t", Col("m", "mood"))], enums: [new EnumInfo(N("mood"), ["a", "b", "c"])]);
        var to = Model([Table("t", Col("m", "mood"))], enums: [new EnumInfo(N("mood"), ["a", "c"])]);
        var diff = SchemaDiffer.Diff(from, to);
        Assert.True(diff.Hazards.HasFlag(Hazards.DataLoss));
        Assert.Contains(diff.Changes, c => c.Sql == "ALTER TABLE public.t ALTER COLUMN m TYPE public.mood USING m::text::public.mood");
        Assert.Equal("DROP TYPE public.mood__tidemark_old", diff.Changes[^1].Sql);

        var refused = SchemaDiffer.Diff(from, to, new DiffOptions { RecreateEnums = false });
        Assert.Empty(refused.Changes);
        Assert.Single(refused.Unsupported);
    }

    [Fact]
    public void Foreign_keys_are_dropped_before_the_tables_they_reference()
    {
        var parent = Table("parent", Col("id", notNull: true)) with { Constraints = [Pk("parent_pkey", "id")] };
        var child = Table("child", Col("id"), Col("parent_id"));
        var from = Model([parent, child with { Constraints = [Fk("child_parent_fk", "parent_id", "parent")] }]);
        var to = Model([child]);
        var diff = SchemaDiffer.Diff(from, to);
        var dropFk = IndexOf(diff, "ALTER TABLE public.child DROP CONSTRAINT child_parent_fk");
        var dropTable = IndexOf(diff, "DROP TABLE public.parent");
        Assert.True(dropFk >= 0 && dropTable > dropFk, diff.ToSql());
        Assert.Equal(Hazards.DataLoss | Hazards.Breaking, diff.Hazards);
    }

    [Fact]
    public void Types_and_sequences_are_created_before_tables_and_foreign_keys_after()
    {
        var seq = new SequenceInfo(N("ids"), "bigint", 1, 1, 1, long.MaxValue, 1, false, null);
        var parent = Table("parent", Col("id", "bigint", true, "nextval('ids'::regclass)"), Col("m", "mood")) with { Constraints = [Pk("parent_pkey", "id")] };
        var child = Table("a_child", Col("id"), Col("parent_id", "bigint")) with { Constraints = [Fk("child_parent_fk", "parent_id", "parent")] };
        var to = Model([parent, child], enums: [new EnumInfo(N("mood"), ["x"])], sequences: [seq]);
        var diff = SchemaDiffer.Diff(Model(), to);
        var type = IndexOf(diff, "CREATE TYPE public.mood");
        var sequence = IndexOf(diff, "CREATE SEQUENCE public.ids");
        var table = IndexOf(diff, "CREATE TABLE public.parent");
        var fk = IndexOf(diff, "ALTER TABLE public.a_child ADD CONSTRAINT child_parent_fk");
        Assert.True(type < table && sequence < table && table < fk && type >= 0 && sequence >= 0, diff.ToSql());
        Assert.Equal(Hazards.None, diff.Hazards);
    }

    [Fact]
    public void Renamed_column_is_a_drop_and_an_add_with_data_loss()
    {
        var from = Model([Table("t", Col("id"), Col("old_name", "text"))]);
        var to = Model([Table("t", Col("id"), Col("new_name", "text"))]);
        var diff = SchemaDiffer.Diff(from, to);
        Assert.Equal(["ALTER TABLE public.t DROP COLUMN old_name", "ALTER TABLE public.t ADD COLUMN new_name text"], diff.Changes.Select(c => c.Sql));
        Assert.Equal(Hazards.DataLoss | Hazards.Breaking, diff.Changes[0].Hazards);
    }

    [Theory]
    [InlineData("character varying(10)", "character varying(50)", 0)]
    [InlineData("character varying(10)", "text", 0)]
    [InlineData("numeric(8,2)", "numeric(12,2)", 0)]
    [InlineData("integer", "bigint", 6)]
    [InlineData("bigint", "integer", 7)]
    [InlineData("character varying(50)", "character varying(10)", 7)]
    [InlineData("text", "integer", 7)]
    public void Column_type_changes_alter_in_place_with_hazards(string before, string after, int expectedHazards)
    {
        var expected = (Hazards)expectedHazards;
        var diff = SchemaDiffer.Diff(Model([Table("t", Col("c", before))]), Model([Table("t", Col("c", after))]));
        var change = Assert.Single(diff.Changes);
        Assert.StartsWith("ALTER TABLE public.t ALTER COLUMN c TYPE " + after, change.Sql, StringComparison.Ordinal);
        Assert.Equal(expected, change.Hazards);
        Assert.Equal(before == "text", change.Sql.Contains(" USING c::text::integer", StringComparison.Ordinal));
    }

    [Fact]
    public void Set_not_null_and_validated_foreign_keys_scan_the_table_but_not_valid_ones_do_not()
    {
        var parent = Table("parent", Col("id", notNull: true)) with { Constraints = [Pk("parent_pkey", "id")] };
        var from = Model([parent, Table("c", Col("a"), Col("b"))]);
        var scanning = SchemaDiffer.Diff(from, Model([parent, Table("c", Col("a", notNull: true), Col("b")) with { Constraints = [Fk("c_fk", "b", "parent")] }]));
        Assert.Equal(2, scanning.Changes.Length);
        Assert.Equal(Hazards.FullTableScan | Hazards.AccessExclusiveLock, scanning.Changes.Single(c => c.Sql.EndsWith("SET NOT NULL", StringComparison.Ordinal)).Hazards);
        Assert.Equal(Hazards.FullTableScan, scanning.Changes.Single(c => c.Sql.Contains("ADD CONSTRAINT c_fk", StringComparison.Ordinal)).Hazards);
        var notValid = SchemaDiffer.Diff(from, Model([parent, Table("c", Col("a"), Col("b")) with { Constraints = [Fk("c_fk", "b", "parent", notValid: true)] }]));
        Assert.Equal(Hazards.None, Assert.Single(notValid.Changes).Hazards);
    }

    [Fact]
    public void Views_reading_a_retyped_column_are_dropped_before_and_created_after()
    {
        var view = new ViewInfo(N("v"), false, " SELECT t.n\n   FROM t;", [new ViewColumnInfo("n", "integer")]);
        var edge = new DependencyEdge(view.Key, ObjectKey.Column(N("t"), "n"));
        var from = Model([Table("t", Col("n"))], views: [view], dependencies: [edge]);
        var to = Model([Table("t", Col("n", "bigint"))], views: [view with { Columns = [new ViewColumnInfo("n", "bigint")] }], dependencies: [edge]);
        var diff = SchemaDiffer.Diff(from, to);
        Assert.Equal(
            ["DROP VIEW public.v", "ALTER TABLE public.t ALTER COLUMN n TYPE bigint", "CREATE VIEW public.v AS\nSELECT t.n\n   FROM t"],
            diff.Changes.Select(c => c.Sql));
    }

    [Fact]
    public void Functions_are_created_before_the_triggers_that_call_them()
    {
        var fn = new FunctionInfo(N("touch"), "", FunctionKind.Function, "plpgsql", "trigger",
            "CREATE OR REPLACE FUNCTION public.touch()\n RETURNS trigger\n LANGUAGE plpgsql\nAS $function$ BEGIN RETURN NEW; END $function$\n");
        var trigger = new TriggerInfo("t_touch", "CREATE TRIGGER t_touch BEFORE INSERT ON public.t FOR EACH ROW EXECUTE FUNCTION touch()", "public.touch()");
        var from = Model([Table("t", Col("id"))]);
        var to = Model([Table("t", Col("id")) with { Triggers = [trigger] }], functions: [fn]);
        var diff = SchemaDiffer.Diff(from, to);
        Assert.True(IndexOf(diff, "CREATE OR REPLACE FUNCTION public.touch()") < IndexOf(diff, "CREATE TRIGGER t_touch"), diff.ToSql());
        Assert.Equal(2, diff.Changes.Length);
    }

    [Fact]
    public void ToSql_separates_statements_and_writes_hazards_as_comments()
    {
        var diff = SchemaDiffer.Diff(Model([Table("gone", Col("id"))]), Model());
        Assert.Equal("-- hazard: TM200 DataLoss, TM201 Breaking — the table and its rows are removed\nDROP TABLE public.gone;\n", diff.ToSql());
        Assert.Equal("drop table public.gone (DataLoss, Breaking): the table and its rows are removed", diff.Changes[0].Description);
    }

    [Fact]
    public void Mixed_case_and_reserved_names_are_quoted()
    {
        var diff = SchemaDiffer.Diff(Model(), Model([new TableInfo(new QualifiedName("public", "Order"), TablePersistence.Permanent, [Col("user", "text"), Col("Id")], [], [], [], [])]));
        Assert.Equal("CREATE TABLE public.\"Order\" (\n  \"user\" text,\n  \"Id\" integer\n)", Assert.Single(diff.Changes).Sql);
    }
}
