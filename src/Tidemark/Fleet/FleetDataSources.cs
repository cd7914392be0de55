using Npgsql;

namespace Tidemark.Fleet;

/// <summary>
/// The run's data sources, one per distinct connection string. Tenant schemas of one database share a single
/// data source, so its pooled backends (and the types Npgsql loads once per data source) serve target after
/// target instead of a new backend and a type load each; a database used by one target only has its data source
/// closed as soon as that target is done, so a fleet of databases never holds more idle connections than it runs.
/// </summary>
internal sealed class FleetDataSources : IAsyncDisposable
{
    private readonly Dictionary<string, int> _remaining;
    private readonly Dictionary<string, NpgsqlDataSource> _open = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public FleetDataSources(IEnumerable<string> connectionStrings) =>
        _remaining = connectionStrings.GroupBy(cs => cs, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>The data source for a target's connection string; give it back with <see cref="ReleaseAsync"/>.</summary>
    public NpgsqlDataSource Acquire(string connectionString)
    {
        lock (_gate)
        {
            if (!_open.TryGetValue(connectionString, out var dataSource))
            {
                dataSource = NpgsqlDataSource.Create(connectionString);
                _open[connectionString] = dataSource;
            }

            return dataSource;
        }
    }

    /// <summary>Marks one target of this connection string done; closes the data source after the last one.</summary>
    public async ValueTask ReleaseAsync(string connectionString)
    {
        NpgsqlDataSource? close = null;
        lock (_gate)
        {
            if (_remaining.TryGetValue(connectionString, out var left) && (_remaining[connectionString] = left - 1) <= 0)
            {
                _open.Remove(connectionString, out close);
            }
        }

        if (close is not null)
        {
            await close.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<NpgsqlDataSource> open;
        lock (_gate)
        {
            open = [.. _open.Values];
            _open.Clear();
        }

        foreach (var dataSource in open)
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }
}
