using Tidemark.Sources;

namespace Tidemark.Tests.Sources;

/// <summary>Folders of other migration tools (tests/fixtures/layouts, see its README) read unedited.</summary>
public sealed class ToolLayoutTests
{
    private static string Layout(string name) => Path.Combine(SourceTestData.RepoRoot, "tests", "fixtures", "layouts", name);

    private static Task<MigrationSet> LoadAsync(string dir, SourceFormat format = SourceFormat.Auto) =>
        MigrationSources.FromDirectory(dir, format).LoadAsync(CancellationToken.None);

    [Theory]
    [InlineData("diesel", SourceFormat.Diesel)]
    [InlineData("golang-migrate", SourceFormat.GolangMigrate)]
    [InlineData("sqlx-reversible", SourceFormat.GolangMigrate)]
    [InlineData("dbmate", SourceFormat.Dbmate)]
    [InlineData("goose", SourceFormat.Goose)]
    [InlineData("sqlx", SourceFormat.Plain)]
    [InlineData("prisma/migrations", SourceFormat.Prisma)]
    [InlineData("supabase/supabase", SourceFormat.Supabase)]
    [InlineData("supabase/supabase/migrations", SourceFormat.Supabase)]
    public void Each_tools_folder_is_detected(string folder, SourceFormat expected) =>
        Assert.Equal(expected, MigrationSources.Detect(Layout(folder)));

    [Fact]
    public async Task Diesel_versions_are_diesels_folder_prefix_without_dashes_with_down_files_and_metadata()
    {
        var set = await LoadAsync(Layout("diesel"));
        Assert.Equal(["00000000000000", "20240301101500", "20240302093000", "202501151200000000"], set.Versioned.Select(m => m.Version));
        Assert.Equal(["diesel_initial_setup", "create_authors", "create_books", "index_books_concurrently"], set.Versioned.Select(m => m.Name));
        Assert.All(set.Versioned, m => Assert.EndsWith("down.sql", m.DownPath));
        Assert.Contains("DROP TABLE books", set.Versioned[2].DownSql, StringComparison.Ordinal);
        Assert.Equal([false, false, false, true], set.Versioned.Select(m => m.NoTransactionDirective));
    }

    [Fact]
    public async Task Dbmate_sections_split_up_and_down_keeping_line_numbers_and_transaction_false()
    {
        var set = await LoadAsync(Layout("dbmate"));
        var users = set.Versioned[0];
        Assert.Equal("20240105090000", users.Version);
        Assert.Contains("create table users", users.Sql, StringComparison.Ordinal);
        Assert.DoesNotContain("drop table", users.Sql, StringComparison.Ordinal);
        Assert.Contains("drop table users", users.DownSql, StringComparison.Ordinal);
        Assert.DoesNotContain("create table", users.DownSql, StringComparison.Ordinal);
        Assert.Equal(users.Path, users.DownPath);

        // Line numbers are the file's: "create table users" is on line 2 of the file and of the up SQL.
        var file = File.ReadAllLines(users.Path);
        Assert.Equal(Array.IndexOf(file, "create table users ("), Array.IndexOf(users.Sql.Split('\n'), "create table users ("));
        Assert.Equal(file.Length, users.DownSql!.TrimEnd('\n').Split('\n').Length);
        Assert.Equal([false, false, true], set.Versioned.Select(m => m.NoTransactionDirective));
    }

    [Fact]
    public async Task Goose_sections_statement_blocks_and_no_transaction()
    {
        var set = await LoadAsync(Layout("goose"));
        Assert.Equal(["00001", "00002", "00003"], set.Versioned.Select(m => m.Version));
        Assert.Contains("CREATE FUNCTION post_count()", set.Versioned[1].Sql, StringComparison.Ordinal);
        Assert.DoesNotContain("DROP FUNCTION", set.Versioned[1].Sql, StringComparison.Ordinal);
        Assert.Contains("DROP FUNCTION post_count()", set.Versioned[1].DownSql, StringComparison.Ordinal);
        Assert.Equal([false, false, true], set.Versioned.Select(m => m.NoTransactionDirective));
    }

    [Fact]
    public async Task Sqlx_no_transaction_marker_and_reversible_pairs()
    {
        var simple = await LoadAsync(Layout("sqlx"), SourceFormat.Sqlx);
        Assert.Equal(SourceFormat.Sqlx, simple.Format);
        Assert.Equal([false, false, true], simple.Versioned.Select(m => m.NoTransactionDirective));

        var reversible = await LoadAsync(Layout("sqlx-reversible"), SourceFormat.Sqlx);
        Assert.Equal(["20220721124650", "20220721125033"], reversible.Versioned.Select(m => m.Version));
        Assert.Contains("DROP TABLE sessions", reversible.Versioned[1].DownSql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prisma_folders_in_name_order_with_a_baseline_and_optional_down()
    {
        var set = await LoadAsync(Layout("prisma/migrations"));
        Assert.Equal(["0", "20240210143000"], set.Versioned.Select(m => m.Version));
        Assert.Equal(["init", "add_profile"], set.Versioned.Select(m => m.Name));
        Assert.Null(set.Versioned[0].DownSql);
        Assert.Contains("DROP TABLE \"Profile\"", set.Versioned[1].DownSql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Supabase_folder_reads_its_migrations_and_leaves_seed_sql_alone()
    {
        var set = await LoadAsync(Layout("supabase/supabase"));
        Assert.Equal(["20230712094349", "20230801120000"], set.Versioned.Select(m => m.Version));
        Assert.DoesNotContain(set.Versioned, m => m.Path.EndsWith("seed.sql", StringComparison.Ordinal));
    }

    [Fact]
    public void A_folder_with_two_tools_layouts_is_ambiguous_and_names_both()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(Path.Combine(folder.Path, "2024-01-01-000000_init"));
        File.WriteAllText(Path.Combine(folder.Path, "2024-01-01-000000_init", "up.sql"), "SELECT 1;");
        File.WriteAllText(Path.Combine(folder.Path, "000001_init.up.sql"), "SELECT 1;");
        var ex = Assert.Throws<MigrationSourceException>(() => MigrationSources.Detect(folder.Path));
        Assert.Contains("ambiguous", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Diesel", ex.Message, StringComparison.Ordinal);
        Assert.Contains("GolangMigrate", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--layout", ex.NextStep, StringComparison.Ordinal);
    }

    [Fact]
    public void Dbmate_and_goose_markers_in_one_file_are_ambiguous()
    {
        using var folder = new TempFolder();
        File.WriteAllText(Path.Combine(folder.Path, "001_x.sql"), "-- migrate:up\n-- +goose Up\nSELECT 1;\n");
        var ex = Assert.Throws<MigrationSourceException>(() => MigrationSources.Detect(folder.Path));
        Assert.Contains("Dbmate", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Goose", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Goose_envsub_and_go_migrations_are_refused_by_name()
    {
        using var folder = new TempFolder();
        File.WriteAllText(Path.Combine(folder.Path, "00001_a.sql"), "-- +goose Up\n-- +goose ENVSUB ON\nSELECT '${X}';\n");
        var ex = await Assert.ThrowsAsync<MigrationSourceException>(() => LoadAsync(folder.Path));
        Assert.Contains("ENVSUB ON", ex.Message, StringComparison.Ordinal);
        Assert.Contains("line 2", ex.Message, StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(folder.Path, "00001_a.sql"), "-- +goose Up\nSELECT 1;\n");
        File.WriteAllText(Path.Combine(folder.Path, "00002_b.go"), "package migrations");
        var go = await Assert.ThrowsAsync<MigrationSourceException>(() => LoadAsync(folder.Path));
        Assert.Contains("00002_b.go", go.Message, StringComparison.Ordinal);
        Assert.Contains("Go migration", go.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dbmate_file_without_its_up_marker_is_named()
    {
        using var folder = new TempFolder();
        File.WriteAllText(Path.Combine(folder.Path, "20240101000000_a.sql"), "-- migrate:up\nSELECT 1;\n");
        File.WriteAllText(Path.Combine(folder.Path, "20240102000000_b.sql"), "SELECT 2;\n");
        var ex = await Assert.ThrowsAsync<MigrationSourceException>(() => LoadAsync(folder.Path));
        Assert.Contains("20240102000000_b.sql", ex.Message, StringComparison.Ordinal);
        Assert.Contains("migrate:up", ex.Message, StringComparison.Ordinal);
    }
}
