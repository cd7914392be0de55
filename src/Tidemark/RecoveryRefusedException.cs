namespace Tidemark;

/// <summary>
/// A rollback, resume, repair or resolve that Tidemark will not perform because it cannot prove
/// it safe (a migration without a down file, an object that exists with another definition, …).
/// Nothing was changed when it is thrown.
/// </summary>
public sealed class RecoveryRefusedException : TidemarkException
{
    /// <summary>Refused: <paramref name="message"/> says why, <paramref name="nextStep"/> what to do instead.</summary>
    /// <param name="message">Why it cannot be proven safe.</param>
    /// <param name="nextStep">What to do instead.</param>
    public RecoveryRefusedException(string message, string nextStep)
        : base(message, nextStep)
    {
    }

    /// <inheritdoc/>
    public RecoveryRefusedException()
    {
    }

    /// <inheritdoc/>
    public RecoveryRefusedException(string message)
        : base(message)
    {
    }

    /// <inheritdoc/>
    public RecoveryRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
