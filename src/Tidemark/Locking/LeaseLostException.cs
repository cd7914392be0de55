namespace Tidemark.Locking;

/// <summary>
/// This runner's lease expired or another runner took it over while it was migrating (its heartbeats could not
/// renew it in time, e.g. the process was paused or the network cut). Whatever it had not committed was rolled back.
/// </summary>
public sealed class LeaseLostException : TidemarkException
{
    /// <summary>Creates the exception; <paramref name="what"/> says how the lease was lost.</summary>
    public LeaseLostException(string what, Exception? inner = null)
        : base(
            $"This runner lost its migration lease ({what}); its transaction in flight was rolled back and nothing more was written. " +
            "Another runner may be migrating now.",
            "Run again: the history shows what is applied. If heartbeats cannot keep up (a paused process, a slow network), raise the lease duration (LeaseDuration, --lease-duration).",
            inner)
    {
    }
}
