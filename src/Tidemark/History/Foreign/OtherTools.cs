using Tidemark.Catalog;
using Tidemark.Sources;

namespace Tidemark.History.Foreign;

/// <summary>
/// The history tables of diesel, golang-migrate, dbmate, goose, sqlx, Prisma and the Supabase CLI: how each is
/// recognised, which rows mean "applied", and how a row names a migration of the folder as Tidemark reads it.
/// <list type="bullet">
/// <item>diesel <c>__diesel_schema_migrations(version)</c>: one row per applied migration, the folder's version.</item>
/// <item>golang-migrate <c>schema_migrations(version bigint, dirty bool)</c>: one row, the newest applied version;
/// every migration at or below it is applied, except that a dirty version failed half-way and is not.</item>
/// <item>dbmate <c>schema_migrations(version)</c> (no <c>dirty</c>; Rails' table has the same shape): one row per version.</item>
/// <item>goose <c>goose_db_version(version_id, is_applied)</c>: a row per apply and per rollback; the newest row of
/// a version says whether it is applied; version 0 is goose's own first row.</item>
/// <item>sqlx <c>_sqlx_migrations(version, success)</c>: successful rows.</item>
/// <item>Prisma <c>_prisma_migrations(migration_name, finished_at, rolled_back_at)</c>: finished and not rolled back;
/// the name is the migration's folder.</item>
/// <item>Supabase <c>supabase_migrations.schema_migrations(version)</c>: one row per version.</item>
/// </list>
/// </summary>
internal static class OtherTools
{
    public static string Tool(ForeignHistoryKind kind) => kind switch
    {
        ForeignHistoryKind.Diesel => "diesel",
        ForeignHistoryKind.GolangMigrate => "golang-migrate",
        ForeignHistoryKind.Dbmate => "dbmate",
        ForeignHistoryKind.Goose => "goose",
        ForeignHistoryKind.Sqlx => "sqlx",
        ForeignHistoryKind.Prisma => "Prisma",
        ForeignHistoryKind.Supabase => "Supabase CLI",
        _ => kind.ToString(),
    };

    public static ForeignHistoryKind? Kind(QualifiedName name, Func<string[], bool> has) => name.Name switch
    {
        "__diesel_schema_migrations" when has(["version"]) => ForeignHistoryKind.Diesel,
        "schema_migrations" when name.Schema == "supabase_migrations" && has(["version"]) => ForeignHistoryKind.Supabase,
        "schema_migrations" when has(["version", "dirty"]) => ForeignHistoryKind.GolangMigrate,
        "schema_migrations" when has(["version"]) => ForeignHistoryKind.Dbmate,
        "goose_db_version" when has(["version_id", "is_applied"]) => ForeignHistoryKind.Goose,
        "_sqlx_migrations" when has(["version", "success"]) => ForeignHistoryKind.Sqlx,
        "_prisma_migrations" when has(["migration_name", "finished_at"]) => ForeignHistoryKind.Prisma,
        _ => null,
    };

    public static string Sql(ForeignHistoryKind kind, string table) => kind switch
    {
        ForeignHistoryKind.GolangMigrate => $"SELECT version::text, dirty FROM {table}",
        ForeignHistoryKind.Goose => $"SELECT version_id::text FROM (SELECT DISTINCT ON (version_id) version_id, is_applied FROM {table} ORDER BY version_id, id DESC) t WHERE is_applied AND version_id > 0",
        ForeignHistoryKind.Sqlx => $"SELECT version::text FROM {table} WHERE success",
        ForeignHistoryKind.Prisma => $"SELECT migration_name FROM {table} WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
        _ => $"SELECT version::text FROM {table}",
    };

    public static Func<Migration, bool> Matcher(ForeignHistoryKind kind, List<object?[]> rows)
    {
        var values = rows.Select(r => r[0] as string).OfType<string>().ToHashSet(StringComparer.Ordinal);
        switch (kind)
        {
            case ForeignHistoryKind.GolangMigrate:
                if (rows.Count == 0 || rows[0][0] is not string newest)
                {
                    return _ => false;
                }

                var dirty = rows[0][1] is true;
                var top = VersionNumber.Parse(newest);
                return m => TryVersion(m.Version) is { } v && (dirty ? v.CompareTo(top) < 0 : v.CompareTo(top) <= 0);
            case ForeignHistoryKind.Prisma:
                return m => Path.GetFileName(Path.GetDirectoryName(m.Path)) is { Length: > 0 } folder && values.Contains(folder);
            case ForeignHistoryKind.Diesel:
                return m => values.Contains(m.Version);
            default:
                // goose and sqlx store the number (00001 → 1); dbmate and Supabase the digits as written.
                var numbers = values.Select(Normalize).ToHashSet(StringComparer.Ordinal);
                return m => values.Contains(m.Version) || numbers.Contains(Normalize(m.Version));
        }
    }

    private static string Normalize(string version) =>
        version.Length > 0 && version.All(char.IsAsciiDigit) ? version.TrimStart('0') : version;

    private static VersionNumber? TryVersion(string version)
    {
        try
        {
            return VersionNumber.Parse(version);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
