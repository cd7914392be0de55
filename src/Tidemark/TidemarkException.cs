namespace Tidemark;

/// <summary>
/// Every error Tidemark reports on purpose. <see cref="Exception.Message"/> says what is wrong
/// (naming the input: file, line, setting); <see cref="NextStep"/> says what to do about it.
/// </summary>
public class TidemarkException : Exception
{
    /// <summary>An error with what is wrong (<paramref name="message"/>) and what to do (<paramref name="nextStep"/>).</summary>
    /// <param name="message">What is wrong, naming the input.</param>
    /// <param name="nextStep">What a person should do next, if anything.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public TidemarkException(string message, string? nextStep = null, Exception? innerException = null)
        : base(message, innerException)
    {
        NextStep = nextStep;
    }

    /// <inheritdoc/>
    public TidemarkException()
    {
    }

    /// <inheritdoc/>
    public TidemarkException(string message)
        : base(message)
    {
    }

    /// <inheritdoc/>
    public TidemarkException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>What a person should do next, when there is something to do.</summary>
    public string? NextStep { get; }
}
