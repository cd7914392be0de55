using Tidemark.Sources;
using Xunit.Abstractions;

namespace Tidemark.Tests.Sources;

public sealed class SourceErrorTests(ITestOutputHelper output)
{
    private async Task<MigrationSourceException> LoadFails(string path, SourceFormat format = SourceFormat.Auto)
    {
        var ex = await Assert.ThrowsAsync<MigrationSourceException>(() => MigrationSources.FromDirectory(path, format).LoadAsync(CancellationToken.None));
        Assert.False(string.IsNullOrWhiteSpace(ex.NextStep));
        output.WriteLine(ex.Message + "\n  next: " + ex.NextStep);
        return ex;
    }

    [Fact]
    public async Task Missing_folder()
    {
        using var temp = new TempFolder();
        var missing = Path.Combine(temp.Path, "nope");

        var ex = await LoadFails(missing);

        Assert.StartsWith(missing + ":", ex.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
        Assert.Throws<MigrationSourceException>(() => MigrationSources.Detect(missing));
    }

    [Theory]
    [InlineData("prisma", "prisma/migrations/0_init/migration.sql", "prisma/migrations/migration_lock.toml", "prisma/migrations", "Prisma")]
    [InlineData("", "supabase/migrations/20230712094349_init.sql", "supabase/seed.sql", "supabase/migrations", "Supabase")]
    [InlineData("", "src/db/migrations/0001_users.sql", "package.json", "src/db/migrations", "Plain")]
    public async Task A_project_root_given_instead_of_its_migrations_folder_names_the_folder_that_holds_them(string given, string migration, string other, string expected, string format)
    {
        // A project root: the migrations sit in a sub-folder (Prisma's prisma/migrations, Supabase's supabase/migrations, …).
        using var temp = new TempFolder();
        temp.Write(migration, "CREATE TABLE users (id int);\n");
        temp.Write(other, "# not a migration\n");
        temp.Write("node_modules/pkg/migrations/0001_x.sql", "SELECT 1;\n");
        if (format == "Supabase")
        {
            temp.Write("supabase/config.toml", "project_id = \"x\"\n");
        }

        var ex = await LoadFails(Path.Combine(temp.Path, given));

        Assert.StartsWith($"the migrations look to be in {Path.Combine(temp.Path, expected)} ({format})", ex.NextStep, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Path_is_a_file()
    {
        using var temp = new TempFolder();
        var file = temp.Write("0001_x.sql", "select 1;");

        var ex = await LoadFails(file);

        Assert.StartsWith(file + ":", ex.Message, StringComparison.Ordinal);
        Assert.Contains("is a file, not a folder", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_folder()
    {
        using var temp = new TempFolder();

        var ex = await LoadFails(temp.Path);

        Assert.StartsWith(temp.Path + ":", ex.Message, StringComparison.Ordinal);
        Assert.Contains("no migrations", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Folder_without_any_sql_file()
    {
        using var temp = new TempFolder();
        temp.Write("README.md", "# migrations");

        var ex = await LoadFails(temp.Path);

        Assert.StartsWith(temp.Path + ":", ex.Message, StringComparison.Ordinal);
        Assert.Contains("no migrations", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Undetectable_folder_explains_the_expected_layouts()
    {
        using var temp = new TempFolder();
        temp.Write("init.sql", "select 1;");

        var ex = await LoadFails(temp.Path);
        var detect = Assert.Throws<MigrationSourceException>(() => MigrationSources.Detect(temp.Path));

        Assert.Contains(temp.Path + ": cannot tell the migration format: expected meta/_journal.json (drizzle), YYYYMMDDHHMMSS_name/migration.sql folders (drizzle v1, Prisma), "
            + "YYYY-MM-DD-HHMMSS_name/up.sql folders (diesel), 000001_x.up.sql (golang-migrate, sqlx), V1__x.sql (Flyway-style) or 0001_x.sql files (plain, dbmate, goose, sqlx, Supabase)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("init.sql", ex.Message, StringComparison.Ordinal);
        Assert.Equal(ex.Message, detect.Message);
    }

    [Fact]
    public async Task Journal_next_to_v1_folders_is_ambiguous_unless_the_format_is_given()
    {
        using var temp = new TempFolder();
        temp.CopyFrom(SourceTestData.Fixture("v0.31-journal"));
        temp.CopyFrom(SourceTestData.Fixture("v1.0-rc5-up-from-v0.31"));

        var ex = await LoadFails(temp.Path);
        var detect = Assert.Throws<MigrationSourceException>(() => MigrationSources.Detect(temp.Path));
        var forced = await MigrationSources.FromDirectory(temp.Path, SourceFormat.DrizzleJournal).LoadAsync(CancellationToken.None);

        Assert.StartsWith(temp.Path + ":", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ambiguous", ex.Message, StringComparison.Ordinal);
        Assert.Equal(ex.Message, detect.Message);
        Assert.Equal(3, forced.Versioned.Count);
        Assert.Equal(SourceFormat.DrizzleJournal, forced.Format);
    }

    [Fact]
    public async Task Trailing_separator_is_ignored_in_messages()
    {
        using var temp = new TempFolder();

        var ex = await LoadFails(temp.Path + Path.DirectorySeparatorChar);

        Assert.StartsWith(temp.Path + ": contains no migrations", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_journal_reports_line_and_position()
    {
        using var temp = new TempFolder();
        var journal = temp.Write("meta/_journal.json", "{\n  \"version\": \"7\",\n  \"entries\": [ { \"idx\": 0, \"tag\": \"0000_x\" ,, } ]\n}");
        temp.Write("0000_x.sql", "select 1;");

        var ex = await LoadFails(temp.Path);

        Assert.Equal(journal, ex.Path);
        Assert.Contains(journal, ex.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("position", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Journal_entry_without_its_sql_file()
    {
        using var temp = new TempFolder();
        temp.CopyFrom(SourceTestData.Fixture("v0.31-journal"));
        var gone = Path.Combine(temp.Path, "0001_add_display_name.sql");
        File.Delete(gone);

        var ex = await LoadFails(temp.Path);

        Assert.Equal(gone, ex.Path);
        Assert.Contains("listed in meta/_journal.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sql_file_not_in_the_journal()
    {
        using var temp = new TempFolder();
        temp.CopyFrom(SourceTestData.Fixture("v0.31-journal"));
        var stray = temp.Write("0003_hand_written.sql", "select 1;");

        var ex = await LoadFails(temp.Path);

        Assert.Equal(stray, ex.Path);
        Assert.Contains(stray + ": not in meta/_journal.json", ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("add it with drizzle-kit or remove it", ex.NextStep, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Journal_with_two_tags_of_the_same_version_names_both_files()
    {
        using var temp = new TempFolder();
        temp.Write("meta/_journal.json", """{"dialect":"postgresql","entries":[{"idx":0,"when":1,"tag":"0000_a"},{"idx":1,"when":2,"tag":"0000_b"}]}""");
        var a = temp.Write("0000_a.sql", "select 1;");
        var b = temp.Write("0000_b.sql", "select 2;");

        var ex = await LoadFails(temp.Path);

        Assert.Contains(a, ex.Message, StringComparison.Ordinal);
        Assert.Contains(b, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Journal_for_another_dialect()
    {
        using var temp = new TempFolder();
        var journal = temp.Write("meta/_journal.json", """{"dialect":"sqlite","entries":[{"idx":0,"when":1,"tag":"0000_a"}]}""");
        temp.Write("0000_a.sql", "select 1;");

        var ex = await LoadFails(temp.Path);

        Assert.Equal(journal, ex.Path);
        Assert.Contains("sqlite", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plain_files_with_the_same_number_name_both_files()
    {
        using var temp = new TempFolder();
        var a = temp.Write("0002_a.sql", "select 1;");
        var b = temp.Write("2_b.sql", "select 2;");
        temp.Write("0001_first.sql", "select 0;");

        var ex = await LoadFails(temp.Path);

        Assert.Contains(a, ex.Message, StringComparison.Ordinal);
        Assert.Contains(b, ex.Message, StringComparison.Ordinal);
        Assert.Contains("same version", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drizzle_folders_with_the_same_timestamp_name_both_files()
    {
        using var temp = new TempFolder();
        var a = temp.Write("20250101000000_a/migration.sql", "select 1;");
        var b = temp.Write("20250101000000_b/migration.sql", "select 2;");

        var ex = await LoadFails(temp.Path);

        Assert.Contains(a, ex.Message, StringComparison.Ordinal);
        Assert.Contains(b, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drizzle_folder_without_migration_sql()
    {
        using var temp = new TempFolder();
        temp.Write("20250101000000_a/migration.sql", "select 1;");
        temp.Write("20250102000000_b/snapshot.json", "{}");

        var ex = await LoadFails(temp.Path);

        Assert.Equal(Path.Combine(temp.Path, "20250102000000_b", "migration.sql"), ex.Path);
        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plain_sql_file_without_a_leading_number()
    {
        using var temp = new TempFolder();
        temp.Write("0001_a.sql", "select 1;");
        var bad = temp.Write("cleanup.sql", "select 2;");

        var ex = await LoadFails(temp.Path);

        Assert.Equal(bad, ex.Path);
        Assert.Contains("does not match NNNN_name.sql", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flyway_sql_file_matching_no_pattern()
    {
        using var temp = new TempFolder();
        temp.Write("V1__a.sql", "select 1;");
        var bad = temp.Write("v2_lowercase.sql", "select 2;");

        var ex = await LoadFails(temp.Path);

        Assert.Equal(bad, ex.Path);
        Assert.Contains("V<version>__<description>.sql", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flyway_undo_without_its_versioned_file()
    {
        using var temp = new TempFolder();
        temp.Write("V1__a.sql", "select 1;");
        var undo = temp.Write("U2__b.sql", "select 2;");

        var ex = await LoadFails(temp.Path);

        Assert.Equal(undo, ex.Path);
        Assert.Contains("no V file", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plain_down_file_without_its_migration()
    {
        using var temp = new TempFolder();
        temp.Write("0001_a.sql", "select 1;");
        var down = temp.Write("0002_b.down.sql", "select 2;");

        var ex = await LoadFails(temp.Path);

        Assert.Equal(down, ex.Path);
    }

    [Theory]
    [InlineData(SourceFormat.Flyway, "V<version>__<description>.sql")]
    [InlineData(SourceFormat.Plain, "NNNN_name.sql")]
    [InlineData(SourceFormat.DrizzleFolders, "YYYYMMDDHHMMSS_name/migration.sql")]
    public async Task Format_override_that_does_not_fit_the_folder(SourceFormat format, string expected)
    {
        var folder = SourceTestData.Fixture("v0.31-journal");
        if (format == SourceFormat.Plain)
        {
            folder = SourceTestData.Fixture("v1.0-rc5-folders");
        }

        var ex = await LoadFails(folder, format);

        Assert.StartsWith(folder + ":", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"the format {format} was requested", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Journal_format_forced_on_a_flyway_folder()
    {
        using var temp = new TempFolder();
        temp.Write("V1__a.sql", "select 1;");

        var ex = await LoadFails(temp.Path, SourceFormat.DrizzleJournal);

        Assert.Contains("meta/_journal.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Flyway", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreadable_file()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        using var temp = new TempFolder();
        temp.Write("0001_a.sql", "select 1;");

        // A dangling symbolic link lists as a file but cannot be read, even by root.
        var link = Path.Combine(temp.Path, "0002_b.sql");
        File.CreateSymbolicLink(link, Path.Combine(temp.Path, "missing-target.sql"));

        var ex = await LoadFails(temp.Path);

        Assert.Equal(link, ex.Path);
        Assert.Contains("cannot read the file", ex.Message, StringComparison.Ordinal);
    }
}
