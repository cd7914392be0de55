using Microsoft.Extensions.Configuration;
using Tidemark.Connections;

using Tidemark.Shadow;

namespace Tidemark.Hosting;

/// <summary>Where the database connection comes from, in order of precedence.</summary>
internal enum ConnectionOrigin
{
    /// <summary><c>Tidemark:ConnectionString</c>.</summary>
    Explicit,

    /// <summary><c>ConnectionStrings:{Tidemark:ConnectionStringName}</c>.</summary>
    Named,

    /// <summary>An <c>NpgsqlDataSource</c> registered in the service container.</summary>
    RegisteredDataSource,

    /// <summary>The <c>DATABASE_URL</c> setting (environment variable).</summary>
    DatabaseUrl,

    /// <summary>A throwaway local PostgreSQL started by Tidemark.</summary>
    LocalPostgres,

    /// <summary>Nothing usable: <see cref="ConnectionChoice.Error"/> says why.</summary>
    None,
}

/// <summary>The outcome of resolving the connection: an Npgsql connection string, or an error naming the setting.</summary>
internal sealed record ConnectionChoice(ConnectionOrigin Origin, string? ConnectionString, string? Error);

/// <summary>
/// Decides which connection the runner uses: explicit <c>ConnectionString</c>, then the named
/// connection string, then a registered <c>NpgsqlDataSource</c>, then <c>DATABASE_URL</c>, then (when
/// allowed) a throwaway local server. Pure: starts nothing, so validation can call it.
/// </summary>
internal static class ConnectionResolver
{
    public const string DatabaseUrlKey = "DATABASE_URL";

    public static ConnectionChoice Resolve(TidemarkOptions options, IConfiguration? configuration, bool dataSourceRegistered)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return Normalize(ConnectionOrigin.Explicit, options.ConnectionString, options.Setting(nameof(TidemarkOptions.ConnectionString)));
        }

        if (!string.IsNullOrWhiteSpace(options.ConnectionStringName))
        {
            var named = configuration?.GetConnectionString(options.ConnectionStringName);
            if (!string.IsNullOrWhiteSpace(named))
            {
                return Normalize(ConnectionOrigin.Named, named, $"ConnectionStrings:{options.ConnectionStringName}");
            }
        }

        if (dataSourceRegistered)
        {
            return new ConnectionChoice(ConnectionOrigin.RegisteredDataSource, null, null);
        }

        var url = configuration?[DatabaseUrlKey];
        if (!string.IsNullOrWhiteSpace(url))
        {
            return Normalize(ConnectionOrigin.DatabaseUrl, url, DatabaseUrlKey);
        }

        if (options.UseLocalPostgresWhenUnconfigured)
        {
            return new ConnectionChoice(ConnectionOrigin.LocalPostgres, null, null);
        }

        var error = string.IsNullOrWhiteSpace(options.ConnectionStringName)
            ? $"{options.Setting(nameof(TidemarkOptions.ConnectionString))}: no database connection is configured. " +
              $"Set {options.Setting(nameof(TidemarkOptions.ConnectionString))} (a postgres:// URL or an Npgsql connection string), " +
              $"{options.Setting(nameof(TidemarkOptions.ConnectionStringName))}, {DatabaseUrlKey}, or register an NpgsqlDataSource."
            : $"{options.Setting(nameof(TidemarkOptions.ConnectionStringName))}: no connection string named '{options.ConnectionStringName}' is configured " +
              $"(ConnectionStrings:{options.ConnectionStringName} is empty), and {DatabaseUrlKey} is not set.";
        return new ConnectionChoice(ConnectionOrigin.None, null, error);
    }

    private static ConnectionChoice Normalize(ConnectionOrigin origin, string value, string setting)
    {
        try
        {
            return new ConnectionChoice(origin, ConnectionString.Normalize(value), null);
        }
        catch (TidemarkException ex)
        {
            return new ConnectionChoice(ConnectionOrigin.None, null, $"{setting}: {ex.Message}");
        }
    }
}
