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
                $"The database URL '{Redact(url)}' is malformed: {MalformedPart(url)}.",
                "Use the form postgres://user:password@host:5432/database (percent-encode special characters in the user name and password, e.g. @ as %40).");
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
                    b.Timeout = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                        ? seconds
                        : throw new TidemarkException($"The database URL's connect_timeout '{value}' is not a whole number of seconds.", "Use e.g. ?connect_timeout=10.");
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

    /// <summary>Which part of a URL that <see cref="Uri"/> rejected is wrong: the port, the host, the user/password, or a %-escape.</summary>
    private static string MalformedPart(string url)
    {
        var rest = url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var end = rest.IndexOfAny(['/', '?']);
        var authority = end < 0 ? rest : rest[..end];
        var path = end < 0 ? "" : rest[end..];
        var at = authority.LastIndexOf('@');
        var userInfo = at < 0 ? null : authority[..at];
        var hostPort = at < 0 ? authority : authority[(at + 1)..];
        if (userInfo is not null && userInfo.Contains('@', StringComparison.Ordinal))
        {
            return "the user name or password contains '@'; write it as %40";
        }

        if (userInfo is not null && !ValidEscapes(userInfo))
        {
            return "the user name or password has a '%' that is not followed by two hex digits (write % itself as %25)";
        }

        string host = hostPort;
        string? port = null;
        if (hostPort.StartsWith('['))
        {
            var close = hostPort.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return $"the IPv6 host '{hostPort}' has no closing ']'";
            }

            host = hostPort[..(close + 1)];
            port = close + 1 < hostPort.Length && hostPort[close + 1] == ':' ? hostPort[(close + 2)..] : null;
        }
        else if (hostPort.LastIndexOf(':') is var colon and >= 0)
        {
            host = hostPort[..colon];
            port = hostPort[(colon + 1)..];
        }

        if (port is not null && (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535))
        {
            return $"the port '{port}' is not a number from 1 to 65535";
        }

        if (host.Length == 0)
        {
            return "the host is missing (postgres://user@HOST:5432/db)";
        }

        if (host.Any(c => char.IsWhiteSpace(c) || c is '<' or '>' or '"' or '\\' or '^' or '`' or '{' or '}' or '|' or '%'))
        {
            return $"the host '{host}' is not a valid host name";
        }

        if (!ValidEscapes(path))
        {
            return "the database name or a parameter has a '%' that is not followed by two hex digits";
        }

        return "it is not of the form postgres://user:password@host:port/database";
    }

    private static bool ValidEscapes(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '%' && (i + 2 >= s.Length || !Uri.IsHexDigit(s[i + 1]) || !Uri.IsHexDigit(s[i + 2])))
            {
                return false;
            }
        }

        return true;
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
