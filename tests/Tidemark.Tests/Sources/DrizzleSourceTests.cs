using Tidemark.Sources;

namespace Tidemark.Tests.Sources;

public sealed class DrizzleSourceTests
{
    [Fact]
    public async Task Journal_fixture_loads_in_journal_order_with_versions_names_and_when()
    {
        var folder = SourceTestData.Fixture("v0.31-journal");
        Assert.Equal(SourceFormat.DrizzleJournal, MigrationSources.Detect(folder));

        var set = await MigrationSources.FromDirectory(folder).LoadAsync(CancellationToken.None);

        Assert.Equal(SourceFormat.DrizzleJournal, set.Format);
        Assert.Empty(set.Repeatable);
        Assert.Equal(["0000", "0001", "0002"], set.Versioned.Select(m => m.Version));
        Assert.Equal(["narrow_professor_monster", "add_display_name", "seed_data"], set.Versioned.Select(m => m.Name));
        Assert.Equal([1795991183007L, 1795991189031L, 1795991192743L], set.Versioned.Select(m => m.DrizzleCreatedAt!.Value));
        Assert.Equal(["0000_narrow_professor_monster", "0001_add_display_name", "0002_seed_data"], set.Versioned.Select(m => m.DrizzleName));
        Assert.Equal([0, 1, 2], set.Versioned.Select(m => m.Order));
        Assert.All(set.Versioned, m => Assert.Equal(MigrationKind.Versioned, m.Kind));
        Assert.All(set.Versioned, m => Assert.Equal(SourceTestData.Sha256Hex(m.Path), m.Checksum));
        Assert.All(set.Versioned, m => Assert.Null(m.LfChecksum));

        // Hard-checked against `sha256sum` run on the fixture files.
        Assert.Equal("b4f3a740c8d46edaa9643aa114ba765e7bd93f89fd19850aaa0d9f026b75d656", set.Versioned[0].Checksum);
        Assert.Equal("cd01f3a901ff3c0fdda0e589af8f58d9ee7571947c89b1bd5b8626c60f6c1c01", set.Versioned[1].Checksum);
        Assert.Equal("b3cc75fa802f8a5b333c480eb0d77f3d2185602e108f36fb33d3ade3c6939413", set.Versioned[2].Checksum);
        Assert.StartsWith("CREATE TYPE \"public\".\"role\"", set.Versioned[0].Sql, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(folder, "0001_add_display_name.sql"), set.Versioned[1].Path);
    }

    [Fact]
    public async Task Journal_order_is_the_array_order_not_the_file_name_order()
    {
        using var temp = new TempFolder();
        temp.Write("meta/_journal.json", """
            {"version":"7","dialect":"postgresql","entries":[
              {"idx":0,"version":"7","when":1700000000002,"tag":"0001_second","breakpoints":true},
              {"idx":1,"version":"7","when":1700000000001,"tag":"0000_first","breakpoints":true}]}
            """);
        temp.Write("0000_first.sql", "select 1;");
        temp.Write("0001_second.sql", "select 2;");
        temp.Write("0001_second.down.sql", "select -2;");

        var set = await MigrationSources.FromDirectory(temp.Path).LoadAsync(CancellationToken.None);

        Assert.Equal(["0001", "0000"], set.Versioned.Select(m => m.Version));
        Assert.Equal("select -2;", set.Versioned[0].DownSql);
        Assert.Equal(Path.Combine(temp.Path, "0001_second.down.sql"), set.Versioned[0].DownPath);
        Assert.Null(set.Versioned[1].DownSql);
    }

    [Fact]
    public async Task Journal_tags_without_a_number_take_the_entry_position_as_version()
    {
        using var temp = new TempFolder();
        temp.Write("meta/_journal.json", """{"dialect":"postgresql","entries":[{"idx":0,"when":5,"tag":"create_users"},{"idx":1,"when":6,"tag":"add_email"}]}""");
        temp.Write("create_users.sql", "select 1;");
        temp.Write("add_email.sql", "select 2;");

        var set = await MigrationSources.FromDirectory(temp.Path).LoadAsync(CancellationToken.None);

        Assert.Equal(["0000", "0001"], set.Versioned.Select(m => m.Version));
        Assert.Equal(["create_users", "add_email"], set.Versioned.Select(m => m.Name));
        Assert.Equal(["create_users", "add_email"], set.Versioned.Select(m => m.DrizzleName));
    }

    [Fact]
    public async Task Cancelled_load_stops()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => MigrationSources.FromDirectory(SourceTestData.Fixture("v0.31-journal")).LoadAsync(cts.Token));
    }

    [Theory]
    [InlineData("v1.0-rc5-folders", "20261129222720", "magenta_tenebrous", "593b49de35d921bfd3d4e2c8cd707139a221bfa551d61a803c3afbe9e07c6c31")]
    [InlineData("v1.0-rc5-up-from-v0.31", "20261129222623", "narrow_professor_monster", "b4f3a740c8d46edaa9643aa114ba765e7bd93f89fd19850aaa0d9f026b75d656")]
    public async Task Folder_fixtures_load_in_folder_order_with_timestamp_versions(string fixture, string firstVersion, string firstName, string firstSha256)
    {
        var folder = SourceTestData.Fixture(fixture);
        Assert.Equal(SourceFormat.DrizzleFolders, MigrationSources.Detect(folder));

        var set = await MigrationSources.FromDirectory(folder).LoadAsync(CancellationToken.None);

        Assert.Equal(SourceFormat.DrizzleFolders, set.Format);
        Assert.Equal(3, set.Versioned.Count);
        Assert.Equal(firstVersion, set.Versioned[0].Version);
        Assert.Equal(firstName, set.Versioned[0].Name);
        Assert.Equal(firstSha256, set.Versioned[0].Checksum);
        Assert.Equal(["add_display_name", "seed_data"], set.Versioned.Skip(1).Select(m => m.Name));
        Assert.Equal(set.Versioned.Select(m => m.Version).Order(StringComparer.Ordinal), set.Versioned.Select(m => m.Version));
        Assert.All(set.Versioned, m => Assert.Equal(SourceTestData.Sha256Hex(m.Path), m.Checksum));
        Assert.All(set.Versioned, m => Assert.Equal(m.Version + "_" + m.Name, m.DrizzleName));
        Assert.All(set.Versioned, m => Assert.EndsWith("migration.sql", m.Path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Folder_timestamp_becomes_created_at_in_utc_milliseconds_like_drizzle()
    {
        var set = await MigrationSources.FromDirectory(SourceTestData.Fixture("v1.0-rc5-folders")).LoadAsync(CancellationToken.None);

        // Date.UTC(2026, 10, 29, 22, 27, 20) in JavaScript.
        Assert.Equal(1795991240000L, set.Versioned[0].DrizzleCreatedAt);
        Assert.Equal(1795991245000L, set.Versioned[1].DrizzleCreatedAt);
        Assert.Equal(1795991247000L, set.Versioned[2].DrizzleCreatedAt);
    }

    [Fact]
    public async Task Upgraded_folders_keep_the_v0_checksums_but_lose_the_journal_milliseconds()
    {
        var v0 = await MigrationSources.FromDirectory(SourceTestData.Fixture("v0.31-journal")).LoadAsync(CancellationToken.None);
        var v1 = await MigrationSources.FromDirectory(SourceTestData.Fixture("v1.0-rc5-up-from-v0.31")).LoadAsync(CancellationToken.None);

        Assert.Equal(v0.Versioned.Select(m => m.Checksum), v1.Versioned.Select(m => m.Checksum));
        Assert.Equal(v0.Versioned.Select(m => m.DrizzleCreatedAt / 1000 * 1000), v1.Versioned.Select(m => m.DrizzleCreatedAt));
        Assert.NotEqual(v0.Versioned[0].DrizzleCreatedAt, v1.Versioned[0].DrizzleCreatedAt);
    }

    [Theory]
    [InlineData("down.sql")]
    [InlineData("migration.down.sql")]
    public async Task Folder_down_file_is_attached(string downName)
    {
        using var temp = new TempFolder();
        temp.Write("20250101000000_init/migration.sql", "create table t (id int);");
        var down = temp.Write("20250101000000_init/" + downName, "drop table t;");
        temp.Write("20250102000000_next/migration.sql", "select 1;");

        var set = await MigrationSources.FromDirectory(temp.Path).LoadAsync(CancellationToken.None);

        Assert.Equal("drop table t;", set.Versioned[0].DownSql);
        Assert.Equal(down, set.Versioned[0].DownPath);
        Assert.Null(set.Versioned[1].DownSql);
        Assert.Equal(["init", "next"], set.Versioned.Select(m => m.Name));
    }
}
