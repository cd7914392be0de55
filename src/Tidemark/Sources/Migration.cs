namespace Tidemark.Sources;

/// <summary>Whether a migration runs once, in order, or again whenever its checksum changes.</summary>
public enum MigrationKind
{
    /// <summary>Runs once, in version order.</summary>
    Versioned,
    /// <summary>Runs again whenever its checksum changes (Flyway's <c>R__</c> files), after the versioned ones.</summary>
    Repeatable,
}

/// <summary>The on-disk layout of a migration folder.</summary>
public enum SourceFormat
{
    /// <summary>Detect from the folder's contents.</summary>
    Auto,

    /// <summary>drizzle-kit v0: <c>meta/_journal.json</c> + <c>NNNN_tag.sql</c>.</summary>
    DrizzleJournal,

    /// <summary>drizzle-kit v1: <c>YYYYMMDDHHMMSS_name/migration.sql</c> folders.</summary>
    DrizzleFolders,

    /// <summary>Flyway-style <c>V1.2__desc.sql</c>, <c>R__desc.sql</c>, <c>U1.2__desc.sql</c>.</summary>
    Flyway,

    /// <summary>A plain folder of <c>0001_x.sql</c> files in natural numeric order.</summary>
    Plain,

    /// <summary>Embedded resources of an assembly.</summary>
    Embedded,

    /// <summary>diesel: <c>YYYY-MM-DD-HHMMSS_name/up.sql</c> + <c>down.sql</c> folders (history <c>__diesel_schema_migrations</c>).</summary>
    Diesel,

    /// <summary>golang-migrate: <c>000001_name.up.sql</c> + <c>000001_name.down.sql</c> (history <c>schema_migrations</c> with <c>dirty</c>).</summary>
    GolangMigrate,

    /// <summary>dbmate: <c>20240101120000_name.sql</c> with <c>-- migrate:up</c> / <c>-- migrate:down</c> sections (history <c>schema_migrations</c>).</summary>
    Dbmate,

    /// <summary>goose: <c>00001_name.sql</c> with <c>-- +goose Up</c> / <c>-- +goose Down</c> sections (history <c>goose_db_version</c>).</summary>
    Goose,

    /// <summary>sqlx: <c>&lt;version&gt;_&lt;desc&gt;.sql</c>, or <c>.up.sql</c> + <c>.down.sql</c> (history <c>_sqlx_migrations</c>).</summary>
    Sqlx,

    /// <summary>Prisma: <c>migrations/&lt;timestamp&gt;_name/migration.sql</c> with <c>migration_lock.toml</c> (history <c>_prisma_migrations</c>).</summary>
    Prisma,

    /// <summary>Supabase CLI: <c>supabase/migrations/&lt;timestamp&gt;_name.sql</c> (history <c>supabase_migrations.schema_migrations</c>).</summary>
    Supabase,
}

/// <summary>
/// One versioned (or repeatable) unit of change. <see cref="Checksum"/> is the lowercase hex
/// SHA-256 of the file's raw bytes (BOM and CRLF kept), which is exactly drizzle's hash.
/// <see cref="Sql"/> is the file decoded as UTF-8 without a leading BOM (on first use: see <see cref="Utf8Sql"/>).
/// <see cref="Order"/> is the 0-based position in the source's apply sequence: versioned migrations first, then repeatables.
/// </summary>
internal sealed record Migration(
    string Version,
    string Name,
    MigrationKind Kind,
    string Path,
    Utf8Sql Script,
    string Checksum,
    int Order)
{
    public Migration(string version, string name, MigrationKind kind, string path, string sql, string checksum, int order)
        : this(version, name, kind, path, Utf8Sql.FromString(sql), checksum, order)
    {
    }

    /// <summary>The SQL of the migration.</summary>
    public string Sql
    {
        get => Script.Text;
        init => Script = Utf8Sql.FromString(value);
    }

    /// <summary>SQL that undoes this migration, when a down file was found.</summary>
    public string? DownSql
    {
        get => DownScript?.Text;
        init => DownScript = value is null ? null : Utf8Sql.FromString(value);
    }

    /// <summary>The down SQL as read from its file (decoded on first use).</summary>
    public Utf8Sql? DownScript { get; init; }

    /// <summary>Where the down SQL came from.</summary>
    public string? DownPath { get; init; }

    /// <summary>The file starts with <c>-- tidemark:no-transaction</c>.</summary>
    public bool NoTransactionDirective { get; init; }

    /// <summary>drizzle's <c>created_at</c> for this migration (journal <c>when</c>, or the folder timestamp in ms), when the source is a drizzle folder.</summary>
    public long? DrizzleCreatedAt { get; init; }

    /// <summary>
    /// The drizzle identity of the migration: the journal tag (v0, <c>0003_add_users</c>) or the folder
    /// name (v1, <c>20250101120000_add_users</c>, which drizzle-orm v1 stores in <c>__drizzle_migrations.name</c>).
    /// </summary>
    public string? DrizzleName { get; init; }

    /// <summary>
    /// SHA-256 of the file with every CRLF turned into LF; set only when the file contains CRLF.
    /// Some drizzle-orm releases normalise line endings before hashing, so a drizzle history written
    /// by one of them matches this rather than <see cref="Checksum"/>.
    /// </summary>
    public string? LfChecksum { get; init; }

    /// <summary>
    /// The file's path relative to the migrations folder with '/' separators (<c>0003_add_users.sql</c>,
    /// <c>20250101120000_add_users/migration.sql</c>); what history format 2 records and messages name.
    /// </summary>
    public string RelativePath { get; init; } = "";

    /// <summary>The file as messages name it: the path relative to the folder, or the display path when there is none.</summary>
    public string File => RelativePath.Length > 0 ? RelativePath : Path;

    /// <summary>"0003_add_users" style label for messages.</summary>
    public string Label => Name.Length == 0 ? Version : $"{Version} ({Name})";
}

/// <summary>Everything a source produced: versioned migrations in apply order, then repeatables.</summary>
internal sealed record MigrationSet(
    SourceFormat Format,
    string Location,
    IReadOnlyList<Migration> Versioned,
    IReadOnlyList<Migration> Repeatable);

/// <summary>Where migrations come from.</summary>
internal interface IMigrationSource
{
    /// <summary>For messages: the folder path or assembly name.</summary>
    string Location { get; }

    Task<MigrationSet> LoadAsync(CancellationToken cancellationToken);
}
