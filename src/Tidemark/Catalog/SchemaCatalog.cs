using Npgsql;
using Tidemark.Connections;

namespace Tidemark.Catalog;

/// <summary>
/// A database's schema as Tidemark reads it from <c>pg_catalog</c> in one round trip: tables, columns,
/// constraints, indexes, types, sequences, views, routines, triggers, policies and extensions, normalized so
/// that two databases with the same schema compare equal however it was created. This is what
/// <c>tidemark inspect</c> prints and what <see cref="Diff.SchemaDiff.Between"/> compares.
/// </summary>
/// <example>
/// <code>
/// var catalog = await SchemaCatalog.ReadAsync(dataSource, cancellationToken: ct);
/// Console.WriteLine(catalog.Fingerprint);
/// </code>
/// </example>
public sealed class SchemaCatalog
{
    private SchemaCatalog(SchemaModel model, TimeSpan readDuration, int roundTrips)
    {
        Model = model;
        ReadDuration = readDuration;
        RoundTrips = roundTrips;
        _fingerprint = new Lazy<string>(() => Catalog.Fingerprint.Compute(model));
    }

    private readonly Lazy<string> _fingerprint;

    internal SchemaModel Model { get; }

    /// <summary>
    /// Lowercase hex SHA-256 of the normalized schema. Equal schemas have equal fingerprints, whatever the
    /// order their objects (or columns) were created in; the server version is not part of it.
    /// </summary>
    public string Fingerprint => _fingerprint.Value;

    /// <summary>The server's version number (<c>server_version_num</c>, e.g. 150004).</summary>
    public int ServerVersionNumber => Model.ServerVersionNum;

    /// <summary>Wall time of the read: the round trip plus building the model.</summary>
    public TimeSpan ReadDuration { get; }

    /// <summary>Round trips the read took (always 1: every catalog query goes in one batch).</summary>
    public int RoundTrips { get; }

    /// <summary>Reads the schema through a connection from <paramref name="dataSource"/>.</summary>
    /// <param name="dataSource">The database to read.</param>
    /// <param name="options">Which schemas to read; <see cref="CatalogOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="ConnectionFailedException">The database cannot be reached or refuses the login.</exception>
    /// <exception cref="TidemarkException">The server is older than PostgreSQL 13, or the catalog cannot be read.</exception>
    public static async Task<SchemaCatalog> ReadAsync(NpgsqlDataSource dataSource, CatalogOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        NpgsqlConnection connection;
        try
        {
            connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw ConnectionFailedException.From(ex, dataSource.ConnectionString);
        }

        await using (connection.ConfigureAwait(false))
        {
            return await ReadAsync(connection, options, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads the schema on an open (or closed, then opened) connection.</summary>
    /// <param name="connection">The connection to read on; it is left open.</param>
    /// <param name="options">Which schemas to read; <see cref="CatalogOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="TidemarkException">The server is older than PostgreSQL 13, or the catalog cannot be read.</exception>
    public static async Task<SchemaCatalog> ReadAsync(NpgsqlConnection connection, CatalogOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var reader = new CatalogReader();
        var model = await reader.ReadAsync(connection, options ?? CatalogOptions.Default, cancellationToken).ConfigureAwait(false);
        return new SchemaCatalog(model, reader.LastDuration, reader.LastRoundTrips);
    }

    internal static SchemaCatalog Of(SchemaModel model) => new(model, TimeSpan.Zero, 0);

    /// <summary>
    /// Counts, in one cheap query, the objects <c>pg_dump --schema-only</c> would keep that the model does not compare
    /// (range types, operators, grants, rules, ...; docs/diff-coverage.md lists them), so callers can name them
    /// instead of ignoring them silently.
    /// </summary>
    /// <param name="connection">An open connection to the database.</param>
    /// <param name="options">Which schemas to look in; <see cref="CatalogOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public static Task<IReadOnlyList<NotComparedKind>> CountNotComparedAsync(NpgsqlConnection connection, CatalogOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return NotCompared.CountAsync(connection, options ?? CatalogOptions.Default, cancellationToken);
    }

    /// <summary>A readable summary: per schema its types, sequences, tables (columns, constraints, indexes, triggers, policies), views and routines.</summary>
    public string ToText() => CatalogRenderer.ToText(Model);

    /// <summary>The whole normalized model as indented JSON (camelCase, enums as strings, nulls omitted).</summary>
    public string ToJson() => CatalogRenderer.ToJson(Model);

    /// <summary>A Mermaid ER diagram of the tables and their foreign keys.</summary>
    public string ToMermaid() => CatalogRenderer.ToMermaid(Model);
}
