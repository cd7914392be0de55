using Tidemark.Sources;

namespace Tidemark.Tests.Sources;

public sealed class FlywayAndPlainSourceTests
{
    [Fact]
    public async Task Flyway_versions_are_compared_numerically_part_by_part()
    {
        using var temp = new TempFolder();
        foreach (var name in new[] { "V2__two.sql", "V1.10__one_ten.sql", "V1.9__one_nine.sql", "V1_2__one_two.sql", "V1__first_one.sql", "V10__ten.sql" })
        {
            temp.Write(name, "select '" + name + "';");
        }

        temp.Write("README.md", "not a migration");
        temp.Write("notes.txt", "ignored");

        Assert.Equal(SourceFormat.Flyway, MigrationSources.Detect(temp.Path));
        var set = await MigrationSources.FromDirectory(temp.Path).LoadAsync(CancellationToken.None);

        Assert.Equal(SourceFormat.Flyway, set.Format);
        Assert.Equal(["1", "1.2", "1.9", "1.10", "2", "10"], set.Versioned.Select(m => m.Version));
        Assert.Equal(["first one", "one two", "one nine", "one ten", "two", "ten"], set.Versioned.Select(m => m.Name));
        Assert.Equal([0, 1, 2, 3, 4, 5], set.Versioned.Select(m => m.Order));
        Assert.Equal("select 'V1.10__one_ten.sql';", set.Versioned[3].Sql);
        Assert.Equal("1.10 (one ten)", set.Versioned[3].Label);
    }

    [Fact]
    public async Task Flyway_repeatables_come_after_versioned_ordered_by_description_and_undo_files_attach()
    {
        using var temp = new TempFolder();
        temp.Write("V1__create_t.sql", "create table t (id int);");
        temp.Write("V2__add_c.sql", "alter table t add c int;");
        var undo = temp.Write("U2__add_c.sql", "alter table t drop c;");
        temp.Write("R__views.sql", "create or replace view v as select 1;");
        temp.Write("R__a_function.sql", "create or replace function f() returns int language sql as 'select 1';");

        var set = await MigrationSources.FromDirectory(temp.Path).LoadAsync(CancellationToken.None);

        Assert.Equal(["1", "2"], set.Versioned.Select(m => m.Version));
        Assert.Null(set.Versioned[0].DownSql);
        Assert.Equal("alter table t drop c;", set.Versioned[1].DownSql);
        Assert.Equal(undo, set.Versioned[1].DownPath);
        Assert.Equal(["a function", "views"], set.Repeatable.Select(m => m.Name));
        Assert.All(set.Repeatable, m => Assert.Equal(MigrationKind.Repeatable, m.Kind));
        Assert.All(set.Repeatable, m => Assert.Equal("R", m.Version));
        Assert.Equal([2, 3], set.Repeatable.Select(m => m.Order));
    }

    [Fact]
    public async Task Flyway_one_point_zero_and_one_are_the_same_version()
    {
        using var temp = new TempFolder();
        var a = temp.Write("V1__a.sql", "select 1;");
        var b = temp.Write("V1.0__b.sql", "select 2;");

        var ex = await Assert.ThrowsAsync<MigrationSourceException>(() => MigrationSources.FromDirectory(temp.Path).LoadAsync(CancellationToken.None));

        Assert.Contains(a, ex.Message, StringComparison.Ordinal);
        Assert.Contains(b, ex.Message, StringComparison.Ordinal);
        Assert.Contains("same version", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plain_folder_uses_natural_numeric_order_and_keeps_the_version_as_written()
    {
        using var temp = new TempFolder();
        temp.Write("10_ten.sql", "select 10;");
        temp.Write("2_two.sql", "select 2;");
        temp.Write("0001_init.sql", "select 1;");
        temp.Write("0003.sql", "select 3;");
        temp.Write("0004-dashed-name.sql", "select 4;");
        var down = temp.Write("0001_init.down.sql", "select -1;");
        temp.Write("README.md", "ignored");

        Assert.Equal(SourceFormat.Plain, MigrationSources.Detect(temp.Path));
        var set = await MigrationSources.FromDirectory(temp.Path).LoadAsync(CancellationToken.None);

        Assert.Equal(SourceFormat.Plain, set.Format);
        Assert.Equal(["0001", "2", "0003", "0004", "10"], set.Versioned.Select(m => m.Version));
        Assert.Equal(["init", "two", "", "dashed-name", "ten"], set.Versioned.Select(m => m.Name));
        Assert.Equal("select -1;", set.Versioned[0].DownSql);
        Assert.Equal(down, set.Versioned[0].DownPath);
        Assert.All(set.Versioned.Skip(1), m => Assert.Null(m.DownSql));
        Assert.Equal("0003", set.Versioned[2].Label);
    }

    [Fact]
    public async Task Format_can_be_forced_when_it_fits()
    {
        using var temp = new TempFolder();
        temp.Write("1_a.sql", "select 1;");

        var set = await MigrationSources.FromDirectory(temp.Path, SourceFormat.Plain).LoadAsync(CancellationToken.None);

        Assert.Equal(SourceFormat.Plain, set.Format);
        Assert.Single(set.Versioned);
    }
}
