using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Tidemark.Connections;

using Tidemark.Shadow;

namespace Tidemark.Hosting;

/// <summary>
/// The database the start-up runner migrates, resolved once (see <see cref="TidemarkOptions"/> for the
/// order of precedence). Applications may use <see cref="GetDataSourceAsync"/> to query the same
/// database, which matters when Tidemark started a throwaway local server. Owns, and disposes with
/// the container, any data source or local server it created.
/// </summary>
public sealed class TidemarkDatabase : IAsyncDisposable, IDisposable
{
    private readonly IOptions<TidemarkOptions> _options;
    private readonly IServiceProvider _services;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private NpgsqlDataSource? _dataSource;
    private bool _ownsDataSource;
    private LocalPostgres? _local;

    /// <summary>Created by dependency injection (<c>AddTidemark</c>).</summary>
    /// <param name="options">The Tidemark options.</param>
    /// <param name="services">Where a registered <c>NpgsqlDataSource</c> or <c>IConfiguration</c> is looked up.</param>
    /// <param name="logger">Logs the connection choice and the database wait.</param>
    public TidemarkDatabase(IOptions<TidemarkOptions> options, IServiceProvider services, ILogger<TidemarkDatabase>? logger = null)
    {
        _options = options;
        _services = services;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Where the connection came from, once resolved.</summary>
    internal ConnectionOrigin? Origin { get; private set; }

    /// <summary>The throwaway local server, when Tidemark started one.</summary>
    public LocalPostgres? LocalServer => _local;

    /// <summary>
    /// The connection string with its password (a data source's own string drops it), so a temporary
    /// shadow database can be created on the same server; null for a data source registered in DI.
    /// </summary>
    internal string? ServerConnectionString { get; private set; }

    /// <summary>Resolves (once) and returns the data source; may start a throwaway local PostgreSQL.</summary>
    public async ValueTask<NpgsqlDataSource> GetDataSourceAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _dataSource) is { } ready)
        {
            return ready;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_dataSource is not null)
            {
                return _dataSource;
            }

            var options = _options.Value;
            var registered = _services.GetService<IServiceProviderIsService>()?.IsService(typeof(NpgsqlDataSource)) ?? false;
            var choice = ConnectionResolver.Resolve(options, _services.GetService<IConfiguration>(), registered);
            NpgsqlDataSource dataSource;
            switch (choice.Origin)
            {
                case ConnectionOrigin.None:
                    throw new TidemarkException(choice.Error!);
                case ConnectionOrigin.RegisteredDataSource:
                    dataSource = _services.GetRequiredService<NpgsqlDataSource>();
                    break;
                case ConnectionOrigin.LocalPostgres:
                    _local = await LocalPostgres.StartAsync(0, cancellationToken).ConfigureAwait(false);
                    Log.LocalPostgresStarted(_logger, ConnectionString.Describe(_local.ConnectionString), _local.Directory);
                    dataSource = NpgsqlDataSource.Create(_local.ConnectionString);
                    ServerConnectionString = _local.ConnectionString;
                    _ownsDataSource = true;
                    break;
                default:
                    dataSource = NpgsqlDataSource.Create(choice.ConnectionString!);
                    ServerConnectionString = choice.ConnectionString;
                    _ownsDataSource = true;
                    break;
            }

            Origin = choice.Origin;
            Log.UsingConnection(_logger, Describe(choice.Origin, options), ConnectionString.Describe(dataSource.ConnectionString));
            Volatile.Write(ref _dataSource, dataSource);
            return dataSource;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Disposes the data source Tidemark created (never one the application registered) and stops a local server it started.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <inheritdoc cref="Dispose"/>
    public async ValueTask DisposeAsync()
    {
        if (_ownsDataSource && _dataSource is not null)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }

        _dataSource = null;
        _ownsDataSource = false;
        if (_local is not null)
        {
            var dir = _local.Directory;
            await _local.DisposeAsync().ConfigureAwait(false);
            Log.LocalPostgresStopped(_logger, dir);
            _local = null;
        }

        _gate.Dispose();
    }

    private static string Describe(ConnectionOrigin origin, TidemarkOptions options) => origin switch
    {
        ConnectionOrigin.Explicit => options.Setting(nameof(TidemarkOptions.ConnectionString)),
        ConnectionOrigin.Named => $"ConnectionStrings:{options.ConnectionStringName}",
        ConnectionOrigin.RegisteredDataSource => "the registered NpgsqlDataSource",
        ConnectionOrigin.DatabaseUrl => ConnectionResolver.DatabaseUrlKey,
        _ => "a throwaway local PostgreSQL",
    };
}
