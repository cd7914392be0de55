using Tidemark.Sources;

namespace Tidemark.Tests.Sources;

public sealed class EmbeddedSourceTests
{
    private const string Prefix = "Tidemark.Tests.Sources.Embedded.";
    private static readonly System.Reflection.Assembly Assembly = typeof(EmbeddedSourceTests).Assembly;

    [Fact]
    public async Task Plain_resources_load_in_order_with_down_and_directive()
    {
        var source = MigrationSources.FromAssembly(Assembly, Prefix + "Plain");

        var set = await source.LoadAsync(CancellationToken.None);

        Assert.Equal(SourceFormat.Plain, set.Format);
        Assert.Equal(["0001", "0002"], set.Versioned.Select(m => m.Version));
        Assert.Equal(["init", "index"], set.Versioned.Select(m => m.Name));
        Assert.Equal(Prefix + "Plain.0001_init.sql", set.Versioned[0].Path);
        Assert.Equal("drop table embedded_a;\n", set.Versioned[0].DownSql);
        Assert.True(set.Versioned[1].NoTransactionDirective);
        Assert.False(set.Versioned[0].NoTransactionDirective);
        var onDisk = Path.Combine(SourceTestData.RepoRoot, "tests", "Tidemark.Tests", "Sources", "Embedded", "Plain", "0001_init.sql");
        Assert.Equal(SourceTestData.Sha256Hex(onDisk), set.Versioned[0].Checksum);
        Assert.Contains("Tidemark.Tests", source.Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flyway_resources_keep_dotted_versions_and_repeatables()
    {
        var set = await MigrationSources.FromAssembly(Assembly, Prefix + "Flyway.").LoadAsync(CancellationToken.None);

        Assert.Equal(SourceFormat.Flyway, set.Format);
        Assert.Equal(["1", "1.1"], set.Versioned.Select(m => m.Version));
        Assert.Equal("alter table f drop c;\n", set.Versioned[1].DownSql);
        Assert.Equal(["views"], set.Repeatable.Select(m => m.Name));
    }

    [Fact]
    public async Task Drizzle_journal_resources_match_the_folder_fixture()
    {
        var embedded = await MigrationSources.FromAssembly(Assembly, Prefix + "Drizzle").LoadAsync(CancellationToken.None);
        var folder = await MigrationSources.FromDirectory(SourceTestData.Fixture("v0.31-journal")).LoadAsync(CancellationToken.None);

        Assert.Equal(SourceFormat.DrizzleJournal, embedded.Format);
        Assert.Equal(folder.Versioned.Select(m => (m.Version, m.Name, m.Checksum, m.DrizzleCreatedAt)), embedded.Versioned.Select(m => (m.Version, m.Name, m.Checksum, m.DrizzleCreatedAt)));
    }

    [Fact]
    public async Task Drizzle_v1_folder_resources_are_recognised_despite_msbuild_name_mangling()
    {
        var embedded = await MigrationSources.FromAssembly(Assembly, Prefix + "DrizzleFolders").LoadAsync(CancellationToken.None);
        var folder = await MigrationSources.FromDirectory(SourceTestData.Fixture("v1.0-rc5-folders")).LoadAsync(CancellationToken.None);

        Assert.Equal(SourceFormat.DrizzleFolders, embedded.Format);
        Assert.Equal(folder.Versioned.Select(m => (m.Version, m.Name, m.Checksum, m.DrizzleCreatedAt)), embedded.Versioned.Select(m => (m.Version, m.Name, m.Checksum, m.DrizzleCreatedAt)));
    }

    [Fact]
    public async Task Without_a_prefix_several_migration_folders_is_an_error_listing_them()
    {
        var ex = await Assert.ThrowsAsync<MigrationSourceException>(() => MigrationSources.FromAssembly(Assembly).LoadAsync(CancellationToken.None));

        Assert.Contains(Prefix + "Plain.", ex.Message, StringComparison.Ordinal);
        Assert.Contains(Prefix + "Flyway.", ex.Message, StringComparison.Ordinal);
        Assert.Contains(Prefix + "Drizzle.", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Tidemark.Tests", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Prefix_is_inferred_at_the_first_segment_that_looks_like_a_migration()
    {
        string[] names =
        [
            "MyApp.Migrations.V1.2__add_x.sql",
            "MyApp.Migrations.V1__init.sql",
            "MyApp.Migrations.R__views.sql",
            "MyApp.Queries.get_users.sql",
            "MyApp.Resources.logo.png",
        ];

        Assert.Equal("MyApp.Migrations.", EmbeddedSource.InferPrefix(names, "MyApp"));
        Assert.Equal("MyApp.Drizzle.", EmbeddedSource.InferPrefix(["MyApp.Drizzle.meta._journal.json", "MyApp.Drizzle.0000_x.sql"], "MyApp"));
        Assert.Equal("MyApp.Db.", EmbeddedSource.InferPrefix(["MyApp.Db._20250101000000_init.migration.sql"], "MyApp"));
        var none = Assert.Throws<MigrationSourceException>(() => EmbeddedSource.InferPrefix(["MyApp.Queries.get_users.sql"], "MyApp"));
        Assert.Contains("MyApp", none.Message, StringComparison.Ordinal);
        Assert.Contains("no migrations", none.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("meta._journal.json", "meta/_journal.json")]
    [InlineData("meta.0000_snapshot.json", "meta/0000_snapshot.json")]
    [InlineData("_20250101000000_init.migration.sql", "20250101000000_init/migration.sql")]
    [InlineData("_20250101000000_init.down.sql", "20250101000000_init/down.sql")]
    [InlineData("20250101000000_init.migration.down.sql", "20250101000000_init/migration.down.sql")]
    [InlineData("20250101000000_init.sql", "20250101000000_init.sql")]
    [InlineData("20250101000000_init.down.sql", "20250101000000_init.down.sql")]
    [InlineData("V1.2__x.sql", "V1.2__x.sql")]
    public void Resource_names_map_back_to_folder_relative_names(string rest, string expected)
    {
        Assert.Equal(expected, EmbeddedSource.ToRelativeName(rest));
    }

    [Fact]
    public async Task Prefix_that_matches_nothing_is_an_error()
    {
        var ex = await Assert.ThrowsAsync<MigrationSourceException>(() => MigrationSources.FromAssembly(Assembly, "No.Such.Prefix").LoadAsync(CancellationToken.None));

        Assert.Contains("No.Such.Prefix", ex.Message, StringComparison.Ordinal);
        Assert.Contains("no migrations", ex.Message, StringComparison.Ordinal);
    }
}
