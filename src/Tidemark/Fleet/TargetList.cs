using Npgsql;
using Tidemark.Connections;

namespace Tidemark.Fleet;

/// <summary>
/// Reads a targets file: one target per line, <c>name=URL</c> or just a URL (named after its database);
/// <c>#</c> starts a comment line; blank lines are ignored. URLs are <c>postgres://</c> URLs or Npgsql
/// connection strings (<c>name=Host=…;Database=…</c>). Errors name the file and line.
/// </summary>
public static class TargetList
{
    /// <summary>Reads the targets file at <paramref name="path"/>; refuses a missing file or a bad line, naming it.</summary>
    public static async Task<IReadOnlyList<MigrationTarget>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
        {
            throw new TidemarkException($"The targets file {path} does not exist.", "Pass --targets <file> with one name=URL (or URL) per line.");
        }

        return Parse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false), path);
    }

    /// <summary>Parses the text of a targets file; <paramref name="origin"/> names it in errors ("targets.txt line 3: …").</summary>
    public static IReadOnlyList<MigrationTarget> Parse(string text, string origin)
    {
        ArgumentNullException.ThrowIfNull(text);
        var targets = new List<MigrationTarget>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim().TrimStart('\uFEFF');
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var where = $"{origin} line {i + 1}";
            var (name, url) = Split(line, where);
            string normalized;
            try
            {
                normalized = ConnectionString.Normalize(url);
                _ = new NpgsqlConnectionStringBuilder(normalized);
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or TidemarkException or UriFormatException)
            {
                throw new TidemarkException($"{where}: '{Shorten(url)}' is not a valid database URL: {ex.Message}", "Write postgres://user@host:5432/db (optionally name=postgres://…).");
            }

            name ??= new NpgsqlConnectionStringBuilder(normalized).Database ?? "";
            if (name.Length == 0)
            {
                throw new TidemarkException($"{where}: the URL names no database, so the target has no name.", "Write name=postgres://user@host:5432/db.");
            }

            if (seen.TryGetValue(name, out var first))
            {
                throw new TidemarkException($"{where}: the target name '{name}' is already used on line {first}.", "Give each target its own name: name=postgres://….");
            }

            seen[name] = i + 1;
            targets.Add(new MigrationTarget(name, normalized));
        }

        if (targets.Count == 0)
        {
            throw new TidemarkException($"{origin} lists no targets.", "Write one name=URL (or URL) per line; lines starting with # are comments.");
        }

        return targets;
    }

    private static (string? Name, string Url) Split(string line, string where)
    {
        if (IsUrl(line))
        {
            return (null, line);
        }

        var eq = line.IndexOf('=', StringComparison.Ordinal);
        if (eq > 0)
        {
            var name = line[..eq].Trim();
            var value = line[(eq + 1)..].Trim();
            if (IsUrl(value) || (value.Contains('=', StringComparison.Ordinal) && IsName(name) && !IsConnectionStringKey(name)))
            {
                if (!IsName(name))
                {
                    throw new TidemarkException($"{where}: '{name}' is not a usable target name (letters, digits, _ . - only).", "Write name=postgres://user@host:5432/db.");
                }

                if (value.Length == 0)
                {
                    throw new TidemarkException($"{where}: the target '{name}' has no URL after '='.", "Write name=postgres://user@host:5432/db.");
                }

                return (name, value);
            }

            if (line.Contains(';', StringComparison.Ordinal) || IsConnectionStringKey(name))
            {
                return (null, line); // an Npgsql connection string without a name
            }
        }

        throw new TidemarkException($"{where}: '{Shorten(line)}' is neither name=URL nor a postgres:// URL.", "Write one target per line: name=postgres://user@host:5432/db or postgres://…; # starts a comment.");
    }

    private static bool IsUrl(string s) =>
        s.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || s.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    private static bool IsName(string s) => s.Length > 0 && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');

    private static bool IsConnectionStringKey(string s) =>
        s.Equals("Host", StringComparison.OrdinalIgnoreCase) || s.Equals("Server", StringComparison.OrdinalIgnoreCase)
        || s.Equals("Database", StringComparison.OrdinalIgnoreCase) || s.Equals("Username", StringComparison.OrdinalIgnoreCase)
        || s.Equals("Port", StringComparison.OrdinalIgnoreCase) || s.Equals("User ID", StringComparison.OrdinalIgnoreCase);

    private static string Shorten(string s) => s.Length > 60 ? s[..60] + "…" : s;
}
