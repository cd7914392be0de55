using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;
using Tidemark.Connections;

namespace Tidemark.Hosting;

/// <summary>
/// Waits for the database to accept connections: retries with exponential back-off (0.25 s doubling
/// to 5 s) up to a total, logging each failed attempt, then fails with the last reason. Errors that
/// waiting cannot fix (wrong password, missing database) fail at once.
/// </summary>
internal static class DatabaseWaiter
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    public static async Task WaitAsync(NpgsqlDataSource dataSource, TimeSpan total, string setting, ILogger logger, CancellationToken ct)
    {
        var database = ConnectionString.Describe(dataSource.ConnectionString);
        var clock = Stopwatch.StartNew();
        var delay = FirstDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
                if (attempt > 1)
                {
                    Log.DatabaseReady(logger, database, attempt, clock.Elapsed.TotalSeconds);
                }

                return;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested && ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
            {
                var failure = ConnectionFailedException.From(ex, dataSource.ConnectionString);
                if (!IsWorthWaiting(ex))
                {
                    throw failure;
                }

                var remaining = total - clock.Elapsed;
                if (remaining <= TimeSpan.Zero)
                {
                    Log.DatabaseUnreachable(logger, database, total.TotalSeconds, attempt, failure.Message);
                    throw new TidemarkException(
                        $"The database did not accept connections within {total.TotalSeconds:0}s ({attempt} attempts). Last error: {failure.Message}",
                        $"{failure.NextStep} To wait longer, raise {setting}.",
                        ex);
                }

                var wait = delay < remaining ? delay : remaining;
                Log.DatabaseNotReady(logger, database, attempt, failure.Message, wait.TotalSeconds, remaining.TotalSeconds, setting);
                await Task.Delay(wait, ct).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
            }
        }
    }

    private static bool IsWorthWaiting(Exception ex) => ex switch
    {
        PostgresException pg => pg.SqlState is "57P03" or "53300" or "08006" or "08001" or "08004",
        NpgsqlException n when n.InnerException is TimeoutException or System.Net.Sockets.SocketException or IOException => true,
        NpgsqlException n => n.IsTransient,
        _ => true,
    };
}
