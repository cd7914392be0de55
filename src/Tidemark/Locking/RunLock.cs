using Npgsql;

namespace Tidemark.Locking;

/// <summary>
/// What a run holds while it migrates, whatever the strategy: the connection it migrates on, how long
/// it waited, and (for a lease) the fence every history write carries and a token cancelled when the
/// lease is lost.
/// </summary>
internal interface IRunLock : IAsyncDisposable
{
    /// <summary>The connection the run migrates on (for advisory: the session holding the lock).</summary>
    NpgsqlConnection Connection { get; }

    TimeSpan Waited { get; }

    /// <summary>The strategy actually used (never <see cref="LockStrategy.Auto"/>).</summary>
    LockStrategy Strategy { get; }

    /// <summary>True when the connection goes through a transaction pooler: nothing may rely on session state.</summary>
    bool Pooled { get; }

    /// <summary>Null for advisory; for a lease, the check each history-writing transaction runs before it commits.</summary>
    LeaseFence? Fence { get; }

    /// <summary>Cancelled when the lease is lost (heartbeat found another owner, or could not renew before expiry).</summary>
    CancellationToken Lost { get; }
}
