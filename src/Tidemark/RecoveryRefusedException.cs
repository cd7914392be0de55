namespace Tidemark;

/// <summary>
/// A rollback, resume, repair or resolve that Tidemark will not perform because it cannot prove
/// it safe (a migration without a down file, an object that exists with another definition, …).
/// Nothing was changed when it is thrown.
/// </summary>
public sealed class RecoveryRefusedException : TidemarkException
{
    public RecoveryRefusedException(string message, string nextStep)
        : base(message, nextStep)
    {
    }

    public RecoveryRefusedException()
    {
    }

    public RecoveryRefusedException(string message)
        : base(message)
    {
    }

    public RecoveryRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
