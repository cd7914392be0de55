using System.Globalization;

namespace Tidemark.Execution;

/// <summary>Server settings applied to migration sessions or transactions.</summary>
internal sealed record ExecutionSettings(TimeSpan? LockTimeout, TimeSpan? StatementTimeout, int LockAttempts = 1)
{
    /// <summary>Schema-per-tenant: the search_path of migration statements (SET LOCAL in transactions, so pooled sessions keep nothing).</summary>
    public string? SearchPath { get; init; }

    /// <summary>SET (LOCAL) statements for the configured timeouts.</summary>
    public IEnumerable<string> SetStatements(bool local, bool includeLockTimeout = true)
    {
        var scope = local ? "SET LOCAL " : "SET ";
        if (includeLockTimeout && LockTimeout is { } lt)
        {
            yield return scope + "lock_timeout = " + Ms(lt);
        }

        if (StatementTimeout is { } st)
        {
            yield return scope + "statement_timeout = " + Ms(st);
        }

        if (SearchPath is { } path)
        {
            yield return scope + "search_path = " + Tidemark.Catalog.Identifiers.Quote(path);
        }
    }

    private static string Ms(TimeSpan t) => ((long)Math.Max(1, t.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
}
