using Tidemark.Sources;
using Tidemark.Sql;

namespace Tidemark.Sources;

/// <summary>A migration split into statements and classified: how it must run.</summary>
internal sealed record PreparedMigration(Migration Migration, SqlScript Script, IReadOnlyList<SqlStatement> Statements, bool Transactional, bool StrippedWrappingTransaction)
{
    /// <summary>
    /// Splits and classifies. A migration runs outside a transaction when it says so
    /// (<c>-- tidemark:no-transaction</c>) or contains a statement PostgreSQL refuses inside one.
    /// A BEGIN … COMMIT pair wrapping the whole file is dropped (each migration gets its own
    /// transaction anyway); any other transaction control needs the directive, because it would
    /// commit Tidemark's transaction half-way.
    /// </summary>
    public static PreparedMigration Prepare(Migration migration)
    {
        var script = SqlSplitter.Split(migration.Sql, migration.Path);
        var statements = script.Statements;
        var stripped = false;

        if (!migration.NoTransactionDirective && statements.Count >= 2
            && IsBegin(statements[0]) && IsCommit(statements[^1])
            && statements.Skip(1).Take(statements.Count - 2).All(s => !s.IsTransactionControl))
        {
            statements = [.. statements.Skip(1).Take(statements.Count - 2)];
            stripped = true;
        }

        var needsNoTransaction = statements.FirstOrDefault(s => s.RequiresNoTransaction);
        var control = statements.FirstOrDefault(s => s.IsTransactionControl);
        if (control is not null && !migration.NoTransactionDirective)
        {
            throw new MigrationSourceException(
                $"{migration.Path}:{control.Start.Line}",
                $"'{control.Keyword}' controls the transaction, but Tidemark runs each migration in its own transaction and this would end it half-way.",
                "Remove the transaction control statements, or put `-- tidemark:no-transaction` on the first line to run the file statement by statement as written.");
        }

        var transactional = !migration.NoTransactionDirective && needsNoTransaction is null;
        return new PreparedMigration(migration, script, statements, transactional, stripped);
    }

    private static bool IsBegin(SqlStatement s) =>
        s.IsTransactionControl && (s.Keyword.StartsWith("BEGIN", StringComparison.Ordinal) || s.Keyword.StartsWith("START", StringComparison.Ordinal));

    private static bool IsCommit(SqlStatement s) =>
        s.IsTransactionControl && (s.Keyword.StartsWith("COMMIT", StringComparison.Ordinal) || s.Keyword == "END");

    /// <summary>The line <c>tidemark new</c> writes into the template it makes for a drizzle folder.</summary>
    public const string NewTemplateMarker = "-- Made by `tidemark new`";

    /// <summary>What <c>drizzle-kit generate --custom</c> writes, the whole file.</summary>
    public const string DrizzleKitCustomTemplate = "-- Custom SQL migration file, put your code below! --";

    /// <summary>
    /// Refuses a pending migration without a single statement (an empty or comment-only file, e.g. just made by
    /// <c>tidemark new</c> and not written yet): recording it as applied would make the edit that follows look
    /// like a change to an applied migration. Nothing has run when this throws. In a drizzle folder, drizzle-kit's
    /// <c>--custom</c> template committed as it was generated (nothing else in the file) is applied as drizzle's migrator
    /// applies it, with a warning (returned) that SQL added to it later will not run.
    /// </summary>
    public static IReadOnlyList<string> CheckEmpty(IReadOnlyList<PreparedMigration> pending, SourceFormat format)
    {
        if (AcceptsEmpty(format))
        {
            return [];
        }

        var warnings = new List<string>();
        foreach (var empty in pending.Where(p => p.Statements.Count == 0))
        {
            var m = empty.Migration;
            if (format is SourceFormat.DrizzleJournal or SourceFormat.DrizzleFolders && m.Sql.Trim() == DrizzleKitCustomTemplate)
            {
                warnings.Add($"{m.Path}: migration {m.Version} ({m.Name}) has no SQL statement (it is drizzle-kit's --custom template as generated); " +
                    "it is recorded as applied, as drizzle's migrator does. SQL added to it later will not run (the file will be reported as changed): put it in a new migration.");
                continue;
            }

            throw new MigrationSourceException(m.Path,
                $"migration {m.Version} ({m.Name}) is empty: it has no SQL statement, only comments or blank lines, so there is nothing to apply",
                $"Write its SQL, then run `tidemark migrate` again; or delete {m.Path} if it is not needed. Nothing was applied.");
        }

        return warnings;
    }

    /// <summary>
    /// An empty pending migration is refused where it is most likely a template nobody filled in yet
    /// (<c>tidemark new</c>), since recording it would make the later edit a "changed applied migration". Other tools' folders are read as those tools apply them: goose,
    /// golang-migrate, dbmate, sqlx, diesel, Prisma and Supabase record an empty migration as applied,
    /// and their own folders contain such migrations (goose's and golang-migrate's examples do).
    /// </summary>
    public static bool AcceptsEmpty(SourceFormat format) => format is SourceFormat.Diesel or SourceFormat.GolangMigrate
        or SourceFormat.Dbmate or SourceFormat.Goose or SourceFormat.Sqlx or SourceFormat.Prisma or SourceFormat.Supabase;
}
