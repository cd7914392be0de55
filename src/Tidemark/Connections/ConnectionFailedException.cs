namespace Tidemark.Connections;

/// <summary>
/// The database could not be reached or refused the login. The message names the server (never the
/// password) and the real cause: nothing listening, host not found, authentication failed, a password the
/// server requires but none was given, a missing database; <see cref="TidemarkException.NextStep"/> says
/// what to fix.
/// </summary>
public sealed class ConnectionFailedException : TidemarkException
{
    internal ConnectionFailedException(string message, string? nextStep, Exception? innerException)
        : base(message, nextStep, innerException)
    {
    }

    /// <summary>Explains why opening a connection with <paramref name="connectionString"/> failed with <paramref name="error"/>.</summary>
    /// <param name="error">What Npgsql (or the socket) threw.</param>
    /// <param name="connectionString">The Npgsql connection string used; only host, port, database and user are shown.</param>
    /// <returns>The exception to throw, its inner exception being <paramref name="error"/>.</returns>
    public static ConnectionFailedException From(Exception error, string connectionString) => ConnectionFailure.From(error, connectionString);
}
