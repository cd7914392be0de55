using Npgsql;
using Tidemark.Connections;

namespace Tidemark.Tests;

public sealed class ConnectionStringTests
{
    [Fact]
    public void Url_becomes_npgsql_connection_string()
    {
        var cs = new NpgsqlConnectionStringBuilder(ConnectionString.Normalize("postgres://alice:s%40cret@db.example:6543/app?sslmode=require"));
        Assert.Equal("db.example", cs.Host);
        Assert.Equal(6543, cs.Port);
        Assert.Equal("app", cs.Database);
        Assert.Equal("alice", cs.Username);
        Assert.Equal("s@cret", cs.Password);
        Assert.Equal(SslMode.Require, cs.SslMode);
    }

    [Fact]
    public void Describe_never_prints_the_password()
    {
        var described = ConnectionString.Describe(ConnectionString.Normalize("postgres://alice:topsecret@h/db"));
        Assert.DoesNotContain("topsecret", described, StringComparison.Ordinal);
        Assert.Equal("postgres://alice@h:5432/db", described);
    }

    [Fact]
    public void Bad_url_error_redacts_password()
    {
        var ex = Assert.Throws<TidemarkException>(() => ConnectionString.Normalize("postgres://bob:hunter2@h/db?sslmode=bogus"));
        Assert.DoesNotContain("hunter2", ex.Message, StringComparison.Ordinal);
        Assert.Contains("sslmode", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgres://bob:hunter2@h:5x32/db", "the port '5x32' is not a number from 1 to 65535")]
    [InlineData("postgres://bob:hunter2@h:0/db", "the port '0' is not a number from 1 to 65535")]
    [InlineData("postgres://bob:hunter2@[::1:5432/db", "the IPv6 host '[::1:5432' has no closing ']'")]
    [InlineData("postgres://bob:hunter2@h/db?connect_timeout=soon", "connect_timeout 'soon' is not a whole number of seconds")]
    public void A_malformed_url_names_the_part_that_is_wrong(string url, string part)
    {
        var ex = Assert.Throws<TidemarkException>(() => ConnectionString.Normalize(url));

        Assert.Contains(part, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Invalid URI", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, "statement", "1 statement")]
    [InlineData(0, "statement", "0 statements")]
    [InlineData(2, "migration", "2 migrations")]
    [InlineData(3, "entry", "3 entries")]
    [InlineData(2, "pass", "2 passes")]
    [InlineData(2, "day", "2 days")]
    public void Counted_nouns_are_singular_or_plural_as_the_number_says(long n, string noun, string expected) =>
        Assert.Equal(expected, Tidemark.Text.Words.Count(n, noun));
}
