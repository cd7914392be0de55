using Npgsql;
using Tidemark.Diff;

namespace Tidemark.IntegrationTests.Diff;

/// <summary>
/// Changes whose naive DDL loses or corrupts data, each on a database with rows: the diff is applied to A, A
/// reads equal to B and diffs to nothing, and the rows tell whether values survived (or the hazard said they would not).
/// </summary>
public sealed class DataPreservingDiffTests
{
    [Fact]
    public async Task A_stored_generated_column_made_plain_keeps_every_value()
    {
        var (db, diff) = await ApplyAsync(
            "CREATE TABLE t (id int PRIMARY KEY, w numeric, area numeric GENERATED ALWAYS AS (w * 2) STORED); INSERT INTO t (id, w) VALUES (1, 1), (2, 5);",
            "CREATE TABLE t (id int PRIMARY KEY, w numeric, area numeric);");

        Assert.Contains(diff.Changes, c => c.Sql.EndsWith("DROP EXPRESSION", StringComparison.Ordinal));
        Assert.DoesNotContain(diff.Changes, c => c.Sql.Contains("DROP COLUMN", StringComparison.Ordinal));
        Assert.False(diff.Hazards.HasFlag(Hazards.DataLoss));
        Assert.Equal("2,10", await TestServer.ScalarAsync<string>(db, "SELECT string_agg(area::text, ',' ORDER BY id) FROM t"));
        await TestServer.ExecAsync(db, "UPDATE t SET area = 7 WHERE id = 1"); // writable now: no longer generated
    }

    [Fact]
    public async Task A_generated_column_made_plain_with_a_default_keeps_its_values_and_gets_the_default()
    {
        var (db, _) = await ApplyAsync(
            "CREATE TABLE t (id int, w int, d int GENERATED ALWAYS AS (w + 1) STORED); INSERT INTO t (id, w) VALUES (1, 1);",
            "CREATE TABLE t (id int, w int, d int DEFAULT 42 NOT NULL);");
        await TestServer.ExecAsync(db, "INSERT INTO t (id, w) VALUES (2, 9)");
        Assert.Equal("2,42", await TestServer.ScalarAsync<string>(db, "SELECT string_agg(d::text, ',' ORDER BY id) FROM t"));
    }

    [Fact]
    public async Task A_plain_column_made_generated_reports_data_loss_and_recomputes()
    {
        var (db, diff) = await ApplyAsync(
            "CREATE TABLE t (id int, w int, d int); INSERT INTO t VALUES (1, 1, 100);",
            "CREATE TABLE t (id int, w int, d int GENERATED ALWAYS AS (w * 10) STORED);");
        Assert.True(diff.Hazards.HasFlag(Hazards.DataLoss), diff.ToSql());
        Assert.Equal(10, await TestServer.ScalarAsync<int>(db, "SELECT d FROM t"));
    }

    [Fact]
    public async Task A_changed_generation_expression_recomputes_every_row_without_data_loss()
    {
        var (db, diff) = await ApplyAsync(
            "CREATE TABLE t (id int, w int, d int GENERATED ALWAYS AS (w * 2) STORED); INSERT INTO t (id, w) VALUES (1, 1), (2, 3);",
            "CREATE TABLE t (id int, w int, d int GENERATED ALWAYS AS (w * 3) STORED);");
        Assert.False(diff.Hazards.HasFlag(Hazards.DataLoss), diff.ToSql());
        Assert.True(diff.Hazards.HasFlag(Hazards.TableRewrite));
        var version = await TestServer.ScalarAsync<int>(db, "SELECT current_setting('server_version_num')::int");
        Assert.Equal(version >= 170000, diff.Changes.Any(c => c.Sql.Contains("SET EXPRESSION", StringComparison.Ordinal)));
        Assert.Equal("3,9", await TestServer.ScalarAsync<string>(db, "SELECT string_agg(d::text, ',' ORDER BY id) FROM t"));
    }

    [Fact]
    public async Task A_narrowed_sequence_keeps_its_counter()
    {
        var (db, diff) = await ApplyAsync(
            "CREATE SEQUENCE s AS bigint; SELECT setval('s', 100);",
            "CREATE SEQUENCE s AS integer;");
        Assert.DoesNotContain(diff.Changes, c => c.Sql.StartsWith("ALTER SEQUENCE", StringComparison.Ordinal) && c.Sql.Contains("RESTART", StringComparison.Ordinal));
        Assert.False(diff.Hazards.HasFlag(Hazards.DataLoss));
        Assert.Equal(101L, await TestServer.ScalarAsync<long>(db, "SELECT nextval('s')"));
    }

    [Fact]
    public async Task A_narrowed_sequence_whose_value_does_not_fit_is_refused_by_postgres_and_keeps_its_counter()
    {
        var a = await CorpusDatabase.CreateAsync("dpa", "CREATE SEQUENCE s AS bigint; SELECT setval('s', 40000);");
        var b = await CorpusDatabase.CreateAsync("dpb", "CREATE SEQUENCE s AS smallint;");
        var diff = SchemaDiffer.Diff(await CorpusDatabase.ReadAsync(a), await CorpusDatabase.ReadAsync(b));
        var failures = await CorpusDatabase.ApplyAsync(a, diff);
        Assert.Contains(failures, f => f.Contains("cannot be greater than MAXVALUE", StringComparison.Ordinal));
        Assert.Equal(40001L, await TestServer.ScalarAsync<long>(a, "SELECT nextval('s')"));
    }

    [Fact]
    public async Task A_new_child_table_inherits_the_parents_check_instead_of_repeating_it()
    {
        var (db, diff) = await ApplyAsync(
            "CREATE TABLE p (a int CHECK (a > 0), b text DEFAULT 'x'); INSERT INTO p VALUES (1, 'kept');",
            "CREATE TABLE p (a int CHECK (a > 0), b text DEFAULT 'x'); CREATE TABLE c (d int) INHERITS (p);");
        Assert.DoesNotContain(diff.Changes, c => c.Sql.Contains("CHECK", StringComparison.Ordinal));
        Assert.Equal(0L, await TestServer.ScalarAsync<long>(db, "SELECT count(*) FROM pg_constraint WHERE conrelid = 'c'::regclass AND conislocal"));

        // dropping the parent's check now drops the child's too (it was never a local copy)
        var b2 = await CorpusDatabase.CreateAsync("dpb", "CREATE TABLE p (a int, b text DEFAULT 'x'); CREATE TABLE c (d int) INHERITS (p);");
        var drop = SchemaDiffer.Diff(await CorpusDatabase.ReadAsync(db), await CorpusDatabase.ReadAsync(b2));
        Assert.Empty(await CorpusDatabase.ApplyAsync(db, drop));
        await TestServer.ExecAsync(db, "INSERT INTO c (a) VALUES (-1)");
        Assert.Equal("kept", await TestServer.ScalarAsync<string>(db, "SELECT b FROM ONLY p"));
        Assert.True(SchemaDiffer.Diff(await CorpusDatabase.ReadAsync(db), await CorpusDatabase.ReadAsync(b2)).IsEmpty);
    }

    [Fact]
    public async Task A_child_that_repeats_the_parents_check_locally_is_read_and_diffed_as_local()
    {
        var (db, _) = await ApplyAsync(
            "CREATE TABLE p (a int CONSTRAINT p_a_check CHECK (a > 0)); CREATE TABLE c () INHERITS (p); INSERT INTO c VALUES (3);",
            "CREATE TABLE p (a int CONSTRAINT p_a_check CHECK (a > 0)); CREATE TABLE c (CONSTRAINT p_a_check CHECK (a > 0)) INHERITS (p);");
        Assert.True(await TestServer.ScalarAsync<bool>(db, "SELECT conislocal FROM pg_constraint WHERE conrelid = 'c'::regclass"));
        Assert.Equal(3, await TestServer.ScalarAsync<int>(db, "SELECT a FROM c"));
    }

    [Fact]
    public async Task Tables_linked_by_a_foreign_key_become_logged_referenced_first()
    {
        var (db, diff) = await ApplyAsync(
            "CREATE UNLOGGED TABLE a (id int PRIMARY KEY); CREATE UNLOGGED TABLE z (id int PRIMARY KEY, a_id int REFERENCES a); INSERT INTO a VALUES (1); INSERT INTO z VALUES (1, 1);",
            "CREATE TABLE a (id int PRIMARY KEY); CREATE TABLE z (id int PRIMARY KEY, a_id int REFERENCES a);");
        Assert.Equal(2, diff.Changes.Count(c => c.Sql.EndsWith("SET LOGGED", StringComparison.Ordinal)));
        Assert.Equal(1L, await TestServer.ScalarAsync<long>(db, "SELECT count(*) FROM z JOIN a ON a.id = z.a_id"));
    }

    [Fact]
    public async Task Tables_linked_by_a_foreign_key_become_unlogged_referencing_first()
    {
        // z references a; names sort the wrong way round on purpose (a before z), and a chain of three
        var (db, diff) = await ApplyAsync(
            "CREATE TABLE z (id int PRIMARY KEY); CREATE TABLE m (id int PRIMARY KEY, z_id int REFERENCES z); CREATE TABLE a (id int PRIMARY KEY, m_id int REFERENCES m); INSERT INTO z VALUES (1); INSERT INTO m VALUES (1, 1); INSERT INTO a VALUES (1, 1);",
            "CREATE UNLOGGED TABLE z (id int PRIMARY KEY); CREATE UNLOGGED TABLE m (id int PRIMARY KEY, z_id int REFERENCES z); CREATE UNLOGGED TABLE a (id int PRIMARY KEY, m_id int REFERENCES m);");
        Assert.Equal(3, diff.Changes.Count(c => c.Sql.EndsWith("SET UNLOGGED", StringComparison.Ordinal)));
        Assert.Equal(1L, await TestServer.ScalarAsync<long>(db, "SELECT count(*) FROM a JOIN m ON m.id = a.m_id JOIN z ON z.id = m.z_id"));
    }

    [Fact]
    public async Task Toast_options_are_set_on_the_toast_relation_not_the_table()
    {
        var (db, diff) = await ApplyAsync(
            "CREATE TABLE t (id int, body text) WITH (autovacuum_enabled = false); INSERT INTO t VALUES (1, repeat('x', 10000));",
            "CREATE TABLE t (id int, body text) WITH (fillfactor = 80, toast.autovacuum_enabled = false);");
        Assert.Contains(diff.Changes, c => c.Sql.Contains("toast.autovacuum_enabled=false", StringComparison.Ordinal));
        Assert.Equal("{fillfactor=80}", await TestServer.ScalarAsync<string>(db, "SELECT reloptions::text FROM pg_class WHERE oid = 't'::regclass"));
        Assert.Equal("{autovacuum_enabled=false}", await TestServer.ScalarAsync<string>(db,
            "SELECT tc.reloptions::text FROM pg_class c JOIN pg_class tc ON tc.oid = c.reltoastrelid WHERE c.oid = 't'::regclass"));
        Assert.Equal(10000, await TestServer.ScalarAsync<int>(db, "SELECT length(body) FROM t"));
    }

    [Fact]
    public async Task Toast_options_are_reset_without_touching_the_tables_own()
    {
        var (db, _) = await ApplyAsync(
            "CREATE TABLE t (id int, body text) WITH (autovacuum_enabled = false, toast.autovacuum_enabled = false); INSERT INTO t VALUES (1, 'x');",
            "CREATE TABLE t (id int, body text) WITH (autovacuum_enabled = false);");
        Assert.Equal("{autovacuum_enabled=false}", await TestServer.ScalarAsync<string>(db, "SELECT reloptions::text FROM pg_class WHERE oid = 't'::regclass"));
        Assert.Equal("x", await TestServer.ScalarAsync<string>(db, "SELECT body FROM t"));
    }

    /// <summary>Creates A (with its rows) and B, applies diff(A, B) to A, checks A now reads as B and diffs to nothing.</summary>
    private static async Task<(string Db, SchemaDiff Diff)> ApplyAsync(string fromSql, string toSql)
    {
        var a = await CorpusDatabase.CreateAsync("dpa", fromSql);
        var b = await CorpusDatabase.CreateAsync("dpb", toSql);
        var to = await CorpusDatabase.ReadAsync(b);
        var diff = SchemaDiffer.Diff(await CorpusDatabase.ReadAsync(a), to);
        var failures = await CorpusDatabase.ApplyAsync(a, diff);
        Assert.True(failures.Count == 0, string.Join("\n", failures) + "\n\n" + diff.ToSql());
        var after = await CorpusDatabase.ReadAsync(a);
        Assert.True(after == to, ModelDifference.Describe(after, to) + "\n\n" + diff.ToSql());
        Assert.True(SchemaDiffer.Diff(after, to).IsEmpty, SchemaDiffer.Diff(after, to).ToSql());
        NpgsqlConnection.ClearAllPools();
        return (a, diff);
    }
}
