using System.Globalization;
using Npgsql;

namespace Tidemark.Connections;

/// <summary>
/// Accepts what people paste: a <c>postgres://</c> / <c>postgresql://</c> URL (as in
/// <c>DATABASE_URL</c>) or an Npgsql key=value connection string, and returns an Npgsql
/// connection string. Errors name the input without ever echoing a password.
/// </summary>
public static class ConnectionString
{
    /// <summary>Converts a URL or key=value connection string into an Npgsql connection string.</summary>
    public static string Normalize(string urlOrConnectionString)
    {
        ArgumentNullException.ThrowIfNull(urlOrConnectionString);
        var input = urlOrConnectionString.Trim();
        if (input.Length == 0)
        {
            throw new TidemarkException("The database URL is empty.", "Pass --url postgres://user@host:5432/db or set DATABASE_URL.");
        }

        if (input.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || input.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return FromUrl(input);
        }

        try
        {
            return new NpgsqlConnectionStringBuilder(input).ConnectionString;
        }
        catch (ArgumentException ex)
        {
            throw new TidemarkException(
                $"The connection string is not valid: {ex.Message}",
                "Use a URL such as postgres://user:password@host:5432/db or an Npgsql connection string such as Host=...;Database=...");
        }
    }

    /// <summary>A form of the connection safe to print: host, port, database and user; never the password.</summary>
    public static string Describe(string npgsqlConnectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(npgsqlConnectionString);
        var user = string.IsNullOrEmpty(b.Username) ? "" : b.Username + "@";
        return string.Create(CultureInfo.InvariantCulture, $"postgres://{user}{b.Host}:{b.Port}/{b.Database}");
    }

    private static string FromUrl(string url)
    {
        Uri uri;
        try
        {
            uri = new Uri(url);
        }
        catch (UriFormatException)
        {
            throw new TidemarkException(
                $"The database URL '{Redact(url)}' is not a valid URL.",
                "Use the form postgres://user:password@host:5432/database.");
        }

        var b = new NpgsqlConnectionStringBuilder
        {
            Host = string.IsNullOrEmpty(uri.Host) ? "localhost" : uri.Host.Trim('[', ']'),
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
        };
        var db = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (db.Length > 0)
        {
            b.Database = db;
        }

        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            b.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                b.Password = Uri.UnescapeDataString(parts[1]);
            }
        }

        var query = uri.Query.TrimStart('?');
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(kv[0]);
            var value = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "";
            switch (key.ToLowerInvariant())
            {
                case "sslmode":
                    b.SslMode = value.ToLowerInvariant() switch
                    {
                        "disable" => SslMode.Disable,
                        "allow" => SslMode.Allow,
                        "prefer" => SslMode.Prefer,
                        "require" => SslMode.Require,
                        "verify-ca" => SslMode.VerifyCA,
                        "verify-full" => SslMode.VerifyFull,
                        _ => throw new TidemarkException($"The database URL has an unknown sslmode '{value}'.", "Use disable, allow, prefer, require, verify-ca or verify-full."),
                    };
                    break;
                case "application_name":
                    b.ApplicationName = value;
                    break;
                case "connect_timeout":
                    b.Timeout = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "options":
                    b.Options = value;
                    break;
                default:
                    try
                    {
                        b[key] = value;
                    }
                    catch (ArgumentException)
                    {
                        throw new TidemarkException($"The database URL has an unknown parameter '{key}'.", "Remove it or use an Npgsql connection string.");
                    }

                    break;
            }
        }

        return b.ConnectionString;
    }

    private static string Redact(string url)
    {
        var at = url.IndexOf('@', StringComparison.Ordinal);
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (at < 0 || scheme < 0)
        {
            return url;
        }

        var userInfo = url[(scheme + 3)..at];
        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? url : url[..(scheme + 3)] + userInfo[..colon] + ":***" + url[at..];
    }

    /// <summary>The connection string with Npgsql's <c>Include Error Detail</c> set as asked (PostgreSQL's DETAIL in exception messages).</summary>
    public static string WithErrorDetail(string npgsqlConnectionString, bool include) =>
        new NpgsqlConnectionStringBuilder(npgsqlConnectionString) { IncludeErrorDetail = include }.ConnectionString;
}
