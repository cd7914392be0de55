namespace Tidemark.Locking;

/// <summary>How concurrent runners are serialised (<see cref="MigratorOptions.LockStrategy"/>, CLI <c>--lock</c>).</summary>
public enum LockStrategy
{
    /// <summary>
    /// Advisory, unless the connection turns out to be pooled (a transaction pooler such as PgBouncer,
    /// Supabase's port 6543 or Neon's <c>-pooler</c> host) or the server has no advisory locks
    /// (CockroachDB): then <see cref="Lease"/>. The default.
    /// </summary>
    Auto,

    /// <summary>A PostgreSQL session advisory lock held by the session that migrates. Needs a direct (or session-pooled) connection.</summary>
    Advisory,

    /// <summary>
    /// A row in Tidemark's schema with owner, expiry and a fencing counter, renewed by heartbeats while held.
    /// Every history write checks the counter in its own transaction, so a runner that lost its lease cannot
    /// write. Needs no session state: works through transaction poolers.
    /// </summary>
    Lease,
}
