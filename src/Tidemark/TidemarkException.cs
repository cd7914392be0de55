namespace Tidemark;

/// <summary>
/// Every error Tidemark reports on purpose. <see cref="Exception.Message"/> says what is wrong
/// (naming the input: file, line, setting); <see cref="NextStep"/> says what to do about it.
/// </summary>
public class TidemarkException : Exception
{
    public TidemarkException(string message, string? nextStep = null, Exception? innerException = null)
        : base(message, innerException)
    {
        NextStep = nextStep;
    }

    public TidemarkException()
    {
    }

    public TidemarkException(string message)
        : base(message)
    {
    }

    public TidemarkException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>What a person should do next, when there is something to do.</summary>
    public string? NextStep { get; }
}
