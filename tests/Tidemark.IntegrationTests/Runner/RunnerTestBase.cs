using Npgsql;
using Tidemark.IntegrationTests.Infrastructure;

namespace Tidemark.IntegrationTests.Runner;

/// <summary>A fresh database and a temp migrations folder per test.</summary>
public abstract class RunnerTestBase : IAsyncLifetime, IDisposable
{
    private readonly List<NpgsqlDataSource> _sources = [];

    internal TempFolder Folder { get; } = new();

    protected string Db { get; private set; } = "";

    public async Task InitializeAsync() => Db = await TestServer.CreateDatabaseAsync(GetType().Name.ToLowerInvariant()[..Math.Min(12, GetType().Name.Length)]);

    public async Task DisposeAsync()
    {
        foreach (var s in _sources)
        {
            await s.DisposeAsync();
        }
    }

    public void Dispose()
    {
        Folder.Dispose();
        GC.SuppressFinalize(this);
    }

    protected Migrator CreateMigrator(MigratorOptions? options = null)
    {
        var source = NpgsqlDataSource.Create(Db);
        _sources.Add(source);
        return new Migrator(source, (options ?? new MigratorOptions()) with { Directory = options?.Directory ?? Folder.Path });
    }

    protected Task<long> CountAsync(string sql) => TestServer.ScalarAsync<long>(Db, sql);

    protected Task<bool> ExistsAsync(string regclass) => TestServer.ScalarAsync<bool>(Db, $"SELECT to_regclass('{regclass}') IS NOT NULL");

    protected Task<long> HistoryCountAsync() => CountAsync("SELECT count(*) FROM tidemark.history");
}
