using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Tidemark.Lint;

/// <summary>
/// The optional <c>tidemark.lint.json</c> next to the migrations:
/// <code>{ "postgresVersion": 15, "rules": { "TM401": "off", "TM103": "error" }, "ignorePaths": ["0001_*.sql"] }</code>
/// <c>rules</c> sets a rule's severity or turns it off; <c>ignorePaths</c> are globs (<c>*</c>, <c>?</c>) matched
/// against the file's path relative to the migrations folder (or its name).
/// </summary>
internal sealed class LintConfig
{
    public const string FileName = "tidemark.lint.json";

    private readonly Dictionary<string, LintSeverity?> _severities;
    private readonly Regex[] _ignored;
    private readonly string? _root;

    private LintConfig(Dictionary<string, LintSeverity?> severities, Regex[] ignored, int? postgresVersion, string? root, string? path)
    {
        _severities = severities;
        _ignored = ignored;
        PostgresVersion = postgresVersion;
        _root = root;
        Path = path;
    }

    public static LintConfig Empty { get; } = new([], [], null, null, null);

    public int? PostgresVersion { get; }

    /// <summary>The file it was read from, when there was one.</summary>
    public string? Path { get; }

    /// <summary>The configured severity, the rule's default when not configured, null when the rule is off.</summary>
    public LintSeverity? SeverityOf(string code, LintSeverity defaultSeverity) =>
        _severities.TryGetValue(code, out var configured) ? configured : defaultSeverity;

    public bool IsIgnoredPath(string path)
    {
        if (_ignored.Length == 0)
        {
            return false;
        }

        var relative = _root is null ? path : System.IO.Path.GetRelativePath(_root, path);
        relative = relative.Replace('\\', '/');
        var name = System.IO.Path.GetFileName(path);
        return _ignored.Any(r => r.IsMatch(relative) || r.IsMatch(name));
    }

    /// <summary>Reads <c>tidemark.lint.json</c> from <paramref name="directory"/> (or the explicit <paramref name="file"/>); <see cref="Empty"/> when there is none.</summary>
    public static LintConfig Load(string? directory, string? file = null)
    {
        var path = file ?? (directory is null ? null : System.IO.Path.Combine(directory, FileName));
        if (path is null || !File.Exists(path))
        {
            if (file is not null)
            {
                throw new TidemarkException($"Lint configuration {file} does not exist.", $"Create it, or drop the option to use {FileName} next to the migrations.");
            }

            return Empty;
        }

        LintConfigFile? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(File.ReadAllText(path), LintConfigJson.Default.LintConfigFile);
        }
        catch (JsonException ex)
        {
            var key = ex.Path is { Length: > 2 } p ? p[2..] : null;
            var what = ex.Message.Contains("could not be mapped", StringComparison.Ordinal)
                ? $"unknown key '{key}'"
                : key is null ? "it is not valid JSON" : $"the value of '{key}' is not valid ({FirstSentence(ex.Message)})";
            throw new TidemarkException(
                $"Lint configuration {path}: {what}{(ex.LineNumber is { } line ? $" (line {line + 1})" : string.Empty)}.",
                "Known keys: postgresVersion (number), rules (object: code → \"off\" | \"info\" | \"warning\" | \"error\"), ignorePaths (array of globs).");
        }

        parsed ??= new LintConfigFile();
        var severities = new Dictionary<string, LintSeverity?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (code, value) in parsed.Rules ?? [])
        {
            if (RuleCatalog.Find(code) is null)
            {
                throw new TidemarkException($"Lint configuration {path}: 'rules.{code}' is not a lint rule code.", "Use a code such as TM103; docs/lint/ lists them all.");
            }

            severities[code] = value?.ToLowerInvariant() switch
            {
                "off" => null,
                "info" => LintSeverity.Info,
                "warning" or "warn" => LintSeverity.Warning,
                "error" => LintSeverity.Error,
                _ => throw new TidemarkException($"Lint configuration {path}: 'rules.{code}' is \"{value}\".", "Use \"off\", \"info\", \"warning\" or \"error\"."),
            };
        }

        if (parsed.PostgresVersion is { } v && (v < 9 || v > 30))
        {
            throw new TidemarkException($"Lint configuration {path}: 'postgresVersion' is {v}.", "Use the major version of the target server, e.g. 15.");
        }

        var ignored = (parsed.IgnorePaths ?? []).Select(Glob).ToArray();
        return new LintConfig(severities, ignored, parsed.PostgresVersion, directory, path);
    }

    private static string FirstSentence(string message)
    {
        var dot = message.IndexOf(". ", StringComparison.Ordinal);
        return dot > 0 ? message[..dot] : message;
    }

    private static Regex Glob(string glob) =>
        new("^" + Regex.Escape(glob.Replace('\\', '/')).Replace(@"\*\*/", "(.*/)?", StringComparison.Ordinal).Replace(@"\*", "[^/]*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}

/// <summary>The JSON shape of <c>tidemark.lint.json</c>.</summary>
internal sealed class LintConfigFile
{
    public int? PostgresVersion { get; set; }

    public Dictionary<string, string?>? Rules { get; set; }

    public List<string>? IgnorePaths { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(LintConfigFile))]
internal sealed partial class LintConfigJson : JsonSerializerContext;
