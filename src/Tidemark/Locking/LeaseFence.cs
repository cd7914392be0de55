using System.Globalization;
using Npgsql;

namespace Tidemark.Locking;

/// <summary>
/// The fencing check of a lease: a statement that fails with SQLSTATE <see cref="SqlState"/> unless the
/// lease row still carries this runner's token and has not expired. Put last before COMMIT in every
/// transaction that writes history, it takes a share lock on the lease row, so a runner taking over
/// (which updates that row) waits for such a transaction to end, and a transaction of a runner whose
/// lease expired or was taken over fails and rolls back: it never lands.
/// </summary>
internal sealed record LeaseFence(string LeaseTable, string Scope, long Token)
{
    /// <summary>The SQLSTATE the fence raises (a Tidemark-specific class, "TM").</summary>
    public const string SqlState = "TM409";

    /// <summary>A DO block (no parameters needed: the token is a number, the names are quoted identifiers).</summary>
    public string Sql =>
        "DO $tidemark_fence$ BEGIN " +
        $"PERFORM 1 FROM {LeaseTable} WHERE scope = {Literal(Scope)} AND token = {Token.ToString(CultureInfo.InvariantCulture)} " +
        "AND owner IS NOT NULL AND expires_at > clock_timestamp() FOR SHARE; " +
        "IF NOT FOUND THEN RAISE EXCEPTION 'migration lease lost' USING ERRCODE = '" + SqlState + "', " +
        $"DETAIL = 'lease token {Token.ToString(CultureInfo.InvariantCulture)} of {Scope.Replace("'", "''", StringComparison.Ordinal)} is no longer held by this runner (expired or taken over)'; " +
        "END IF; END $tidemark_fence$";

    public NpgsqlBatchCommand CreateBatchCommand() => new(Sql);

    private static string Literal(string s) => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";
}
