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
}
