using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Tidemark.Lint;

namespace Tidemark.Cli.Output;

/// <summary>Writes a <see cref="LintReport"/> as text, JSON, SARIF 2.1.0 or GitHub workflow annotations.</summary>
internal static class LintOutput
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void WriteText(Terminal t, LintReport report)
    {
        foreach (var f in report.Findings)
        {
            var level = f.Severity switch
            {
                LintSeverity.Error => t.Red("error"),
                LintSeverity.Warning => t.Yellow("warning"),
                _ => t.Dim("info"),
            };
            t.Out.WriteLine($"{t.Bold($"{f.File}:{f.Line}:{f.Column}")}: {level} {t.Bold(f.Code)} {f.Rule}");
            var gutter = new string(' ', f.Line.ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
            t.Out.WriteLine(t.Dim($" {f.Line} | ") + f.SourceLine);
            t.Out.WriteLine(t.Dim($" {gutter} | ") + Caret(f.SourceLine, f.Column));
            t.Out.WriteLine($"  {f.Message}");
            if (f.Lock is not null)
            {
                var effects = (f.Rewrite ? "; rewrites the table" : string.Empty) + (f.Scan ? "; reads the whole table" : string.Empty);
                t.Out.WriteLine($"  lock: {f.Lock}{(f.Table is null ? string.Empty : $" on {f.Table}")} (blocks {f.Blocks}){effects}");
            }

            if (f.SafeAlternative is not null)
            {
                t.Out.WriteLine("  safe alternative:");
                foreach (var line in f.SafeAlternative.Split('\n'))
                {
                    t.Out.WriteLine("    " + t.Green(line));
                }
            }

            t.Out.WriteLine(t.Dim($"  docs: {f.DocPath}"));
            t.Out.WriteLine();
        }

        if (report.Trace.Count > 0)
        {
            WriteTrace(t, report);
        }

        var errors = report.Findings.Count(f => f.Severity == LintSeverity.Error);
        var warnings = report.Findings.Count(f => f.Severity == LintSeverity.Warning);
        var infos = report.Findings.Count - errors - warnings;
        var summary = $"{Plural(report.Findings.Count, "finding")} ({Plural(errors, "error")}, {Plural(warnings, "warning")}, {infos} info) in {Plural(report.Files, "file")}, {Plural(report.Statements, "statement")} (PostgreSQL {report.PostgresVersion})";
        t.Out.WriteLine(errors > 0 ? t.Red(summary) : report.Findings.Count > 0 ? t.Yellow(summary) : t.Green(summary));
    }

    private static void WriteTrace(Terminal t, LintReport report)
    {
        t.Out.WriteLine(t.Bold($"Observed in {report.TraceShadow}:"));
        var disagreements = 0;
        foreach (var s in report.Trace.Where(s => s.Predicted.Count > 0 || s.Observed.Count > 0 || s.ObservedRewrites.Count > 0 || !s.Agrees))
        {
            disagreements += s.Agrees ? 0 : 1;
            var mark = s.Agrees ? t.Green("agrees ") : t.Red("DIFFERS");
            t.Out.WriteLine($"  {mark} {s.File}:{s.Line}  {FirstLine(s.Statement)}");
            t.Out.WriteLine($"          predicted: {Locks(s.Predicted, s.PredictedRewrites)}");
            t.Out.WriteLine($"          observed:  {Locks(s.Observed, s.ObservedRewrites)}{(s.Note is null ? string.Empty : t.Dim($"  ({s.Note})"))}");
        }

        t.Out.WriteLine(disagreements == 0
            ? t.Green($"  {Plural(report.Trace.Count, "statement")} traced: observed locks and rewrites match the static analysis.")
            : t.Red($"  {Plural(disagreements, "statement")} of {report.Trace.Count} traced differ from the static analysis."));
        t.Out.WriteLine();
    }

    private static string Locks(IReadOnlyList<TableLock> locks, IReadOnlyList<string> rewrites)
    {
        var text = locks.Count == 0 ? "no table locks" : string.Join(", ", locks);
        return rewrites.Count == 0 ? text : $"{text}; rewrites {string.Join(", ", rewrites)}";
    }

    private static string FirstLine(string s)
    {
        var line = s.Split('\n')[0].Trim();
        return line.Length > 90 ? line[..90] + "…" : line;
    }

    private static string Plural(int n, string word) => n == 1 ? $"1 {word}" : $"{n} {word}s";

    private static string Caret(string line, int column)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < column - 1 && i < line.Length; i++)
        {
            sb.Append(line[i] == '\t' ? '\t' : ' ');
        }

        return sb.Append('^').ToString();
    }

    /// <summary><c>{"version":1,"ok":…,"findings":[{"file","line","column","code","severity","message","lock","blocks","rewrite","safeAlternative","table"}]}</c>, plus <c>trace</c> with --trace.</summary>
    public static void WriteJson(TextWriter output, LintReport report)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Indented))
        {
            w.WriteStartObject();
            w.WriteNumber("version", 1);
            w.WriteBoolean("ok", report.Ok);
            w.WriteStartArray("findings");
            foreach (var f in report.Findings)
            {
                w.WriteStartObject();
                w.WriteString("file", f.File);
                w.WriteNumber("line", f.Line);
                w.WriteNumber("column", f.Column);
                w.WriteString("code", f.Code);
                w.WriteString("severity", f.Severity.ToString().ToLowerInvariant());
                w.WriteString("message", f.Message);
                w.WriteString("lock", f.Lock);
                w.WriteString("blocks", f.Blocks);
                w.WriteBoolean("rewrite", f.Rewrite);
                w.WriteString("safeAlternative", f.SafeAlternative);
                w.WriteString("table", f.Table);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (report.Trace.Count > 0)
            {
                w.WriteStartArray("trace");
                foreach (var s in report.Trace)
                {
                    w.WriteStartObject();
                    w.WriteString("file", s.File);
                    w.WriteNumber("line", s.Line);
                    w.WriteNumber("column", s.Column);
                    w.WriteBoolean("agrees", s.Agrees);
                    WriteLocks(w, "predicted", s.Predicted);
                    WriteLocks(w, "observed", s.Observed);
                    WriteStrings(w, "predictedRewrites", s.PredictedRewrites);
                    WriteStrings(w, "observedRewrites", s.ObservedRewrites);
                    w.WriteString("note", s.Note);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteLocks(Utf8JsonWriter w, string name, IReadOnlyList<TableLock> locks)
    {
        w.WriteStartArray(name);
        foreach (var l in locks)
        {
            w.WriteStartObject();
            w.WriteString("table", l.Table);
            w.WriteString("mode", LockModes.Display(l.Mode));
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    /// <summary>SARIF 2.1.0, one run, every rule in <c>tool.driver.rules</c>.</summary>
    public static void WriteSarif(TextWriter output, LintReport report, string version)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Indented))
        {
            w.WriteStartObject();
            w.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            w.WriteString("version", "2.1.0");
            w.WriteStartArray("runs");
            w.WriteStartObject();
            w.WriteStartObject("tool");
            w.WriteStartObject("driver");
            w.WriteString("name", "tidemark");
            w.WriteString("semanticVersion", version);
            w.WriteStartArray("rules");
            foreach (var r in Linter.Rules)
            {
                w.WriteStartObject();
                w.WriteString("id", r.Code);
                w.WriteString("name", r.Name);
                w.WriteStartObject("shortDescription");
                w.WriteString("text", r.Title);
                w.WriteEndObject();
                w.WriteStartObject("help");
                w.WriteString("text", $"{r.Title}. See {r.DocPath}.");
                w.WriteEndObject();
                w.WriteStartObject("defaultConfiguration");
                w.WriteString("level", Level(r.DefaultSeverity));
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteStartArray("results");
            foreach (var f in report.Findings)
            {
                w.WriteStartObject();
                w.WriteString("ruleId", f.Code);
                w.WriteString("level", Level(f.Severity));
                w.WriteStartObject("message");
                w.WriteString("text", f.SafeAlternative is null ? f.Message : $"{f.Message}\nSafe alternative:\n{f.SafeAlternative}");
                w.WriteEndObject();
                w.WriteStartArray("locations");
                w.WriteStartObject();
                w.WriteStartObject("physicalLocation");
                w.WriteStartObject("artifactLocation");
                w.WriteString("uri", f.File.Replace('\\', '/'));
                w.WriteEndObject();
                w.WriteStartObject("region");
                w.WriteNumber("startLine", f.Line);
                w.WriteNumber("startColumn", f.Column);
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static string Level(LintSeverity s) => s switch
    {
        LintSeverity.Error => "error",
        LintSeverity.Warning => "warning",
        _ => "note",
    };

    /// <summary>
    /// Lints generated SQL (the differ's output, a generated down) with the same rules and writes each
    /// finding as an SQL comment, so the printed script stays runnable.
    /// </summary>
    public static void WriteSqlComments(TextWriter output, string sql, string name)
    {
        foreach (var f in Linter.LintSql(sql, name).Findings.Where(f => f.Severity >= LintSeverity.Warning))
        {
            output.WriteLine($"-- lint {f.Code} (line {f.Line}): {f.Message}{(f.Lock is null ? string.Empty : $" [{f.Lock}]")} See {f.DocPath}.");
        }
    }

    /// <summary>GitHub Actions workflow commands: <c>::error file=…,line=…,col=…,title=TM112 …::message</c>.</summary>
    public static void WriteGitHub(TextWriter output, LintReport report)
    {
        foreach (var f in report.Findings)
        {
            var command = f.Severity switch
            {
                LintSeverity.Error => "error",
                LintSeverity.Warning => "warning",
                _ => "notice",
            };
            var message = f.SafeAlternative is null ? f.Message : $"{f.Message}\nSafe alternative:\n{f.SafeAlternative}";
            output.WriteLine($"::{command} file={Property(f.File.Replace('\\', '/'))},line={f.Line},col={f.Column},title={Property($"{f.Code} {f.Rule}")}::{Data(message)}");
        }
    }

    private static string Data(string s) => s.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    private static string Property(string s) => Data(s).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
