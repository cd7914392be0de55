using System.Text.RegularExpressions;
using Tidemark.Sql;

namespace Tidemark.Lint;

/// <summary>
/// <c>-- tidemark:lint-ignore TM112[,TM113] reason</c> comments. On (or just before) a statement it
/// silences those codes for that statement; in the comment block at the top of a file, separated
/// from the first statement by a blank line, or spelled <c>lint-ignore-file</c>, for the whole file.
/// An ignore that silences nothing is reported as TM499, so stale ignores do not pile up.
/// </summary>
internal static partial class IgnoreDirectives
{
    [GeneratedRegex(@"--\s*tidemark:lint-ignore(?<file>-file)?\s+(?<codes>TM\d{3}(?:\s*,\s*TM\d{3})*)(?<reason>[^\r\n]*)", RegexOptions.IgnoreCase)]
    private static partial Regex Directive();

    private sealed record Ignore(int Offset, HashSet<string> Codes, int? Statement, string Text)
    {
        public HashSet<string> Used { get; } = new(StringComparer.OrdinalIgnoreCase);
    }

    public static IEnumerable<LintFinding> Apply(SqlScript script, List<LintFinding> findings, LintConfig config)
    {
        var ignores = Parse(script);
        var kept = new List<LintFinding>();
        foreach (var finding in findings)
        {
            var severity = config.SeverityOf(finding.Code, finding.Severity);
            if (severity is null)
            {
                continue;
            }

            var match = ignores.FirstOrDefault(i => i.Codes.Contains(finding.Code) && (i.Statement is null || i.Statement == finding.StatementIndex));
            if (match is not null)
            {
                match.Used.Add(finding.Code);
                continue;
            }

            kept.Add(finding with { Severity = severity.Value });
        }

        foreach (var ignore in ignores)
        {
            foreach (var code in ignore.Codes.Where(c => !ignore.Used.Contains(c)).Order(StringComparer.Ordinal))
            {
                var rule = RuleCatalog.Get("TM499");
                var severity = config.SeverityOf(rule.Code, rule.DefaultSeverity);
                if (severity is null)
                {
                    continue;
                }

                var at = script.PositionAt(ignore.Offset);
                var known = RuleCatalog.Find(code) is not null;
                kept.Add(new LintFinding(script.SourceName, at.Line, at.Column, rule.Code, rule.Name, severity.Value,
                    known
                        ? $"tidemark:lint-ignore {code} matches no {code} finding {(ignore.Statement is null ? "in this file" : "on this statement")}."
                        : $"tidemark:lint-ignore names {code}, which is not a lint rule.",
                    null, null, false, false, "-- remove the ignore comment", null)
                {
                    StatementIndex = ignore.Statement ?? -1,
                    SourceLine = script.LineText(at.Line),
                });
            }
        }

        return kept.OrderBy(f => f.Line).ThenBy(f => f.Column).ThenBy(f => f.Code, StringComparer.Ordinal);
    }

    private static List<Ignore> Parse(SqlScript script)
    {
        var list = new List<Ignore>();
        var text = script.Text;
        if (!text.Contains("tidemark:lint-ignore", StringComparison.OrdinalIgnoreCase))
        {
            return list;
        }

        var statements = script.Statements;
        foreach (Match m in Directive().Matches(text))
        {
            var codes = new HashSet<string>(m.Groups["codes"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), StringComparer.OrdinalIgnoreCase);
            int? statement = null;
            if (!m.Groups["file"].Success)
            {
                var target = statements.FirstOrDefault(s => s.StartOffset + s.Length >= m.Index);
                var fileLevel = target is null
                    || (target.Index == 0 && text.AsSpan(m.Index, target.StartOffset - m.Index).Contains("\n\n".AsSpan(), StringComparison.Ordinal))
                    || (target.Index == 0 && text.AsSpan(m.Index, target.StartOffset - m.Index).Contains("\r\n\r\n".AsSpan(), StringComparison.Ordinal));
                statement = fileLevel ? null : target!.Index;
            }

            list.Add(new Ignore(m.Index, codes, statement, m.Value));
        }

        return list;
    }
}
