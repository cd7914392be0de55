using Tidemark.Fleet;

namespace Tidemark.Tests.Fleet;

public sealed class TargetListTests
{
    [Fact]
    public void Names_urls_comments_and_blank_lines_are_read_in_order()
    {
        var targets = TargetList.Parse(
            "# production tenants\n\nacme=postgres://app@db1:5432/acme\r\npostgresql://app@db2/globex\n  initech = Host=db3;Database=ini;Username=app\nHost=db4;Database=umbrella\n",
            "targets.txt");
        Assert.Equal(["acme", "globex", "initech", "umbrella"], targets.Select(t => t.Name));
        Assert.Contains("Host=db1", targets[0].ConnectionString, StringComparison.Ordinal);
        Assert.Contains("Database=ini", targets[2].ConnectionString, StringComparison.Ordinal);
        Assert.All(targets, t => Assert.Null(t.TenantSchema));
    }

    [Theory]
    [InlineData("a=postgres://u@h/x\nnonsense\n", "targets.txt line 2: 'nonsense' is neither name=URL nor a postgres:// URL")]
    [InlineData("a=postgres://u@h/x\na=postgres://u@h/y\n", "targets.txt line 2: the target name 'a' is already used on line 1")]
    [InlineData("postgres://u@h/x\npostgres://u@other/x\n", "targets.txt line 2: the target name 'x' is already used on line 1")]
    [InlineData("# only a comment\n\n", "targets.txt lists no targets")]
    [InlineData("bad name=postgres://u@h/x\n", "targets.txt line 1: 'bad name' is not a usable target name")]
    [InlineData("postgres://u@h:notaport/x\n", "targets.txt line 1: 'postgres://u@h:notaport/x' is not a valid database URL")]
    public void Bad_lines_are_refused_naming_the_file_and_line(string text, string expected)
    {
        var ex = Assert.ThrowsAny<TidemarkException>(() => TargetList.Parse(text, "targets.txt"));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.NotNull(ex.NextStep);
    }

    [Fact]
    public async Task A_missing_file_is_named()
    {
        var ex = await Assert.ThrowsAsync<TidemarkException>(() => TargetList.ReadAsync("/nonexistent/targets.txt"));
        Assert.Contains("/nonexistent/targets.txt does not exist", ex.Message, StringComparison.Ordinal);
    }
}
