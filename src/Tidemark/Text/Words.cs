using System.Globalization;

namespace Tidemark.Text;

/// <summary>
/// Counted nouns in messages: <c>1 migration</c>, <c>2 migrations</c>, never <c>migration(s)</c>. One helper
/// for the library and the CLI (the CLI compiles this file too), so the wording cannot drift apart.
/// </summary>
internal static class Words
{
    /// <summary><c>1 statement</c>, <c>0 statements</c>, <c>3 statements</c>; <paramref name="plural"/> for irregular nouns (<c>1 entry</c>, <c>2 entries</c>).</summary>
    public static string Count(long n, string singular, string? plural = null)
        => n.ToString(CultureInfo.InvariantCulture) + " " + Noun(n, singular, plural);

    /// <summary>The noun alone, in the form <paramref name="n"/> takes.</summary>
    public static string Noun(long n, string singular, string? plural = null)
        => n == 1 ? singular : plural ?? Plural(singular);

    private static string Plural(string singular) => singular switch
    {
        _ when singular.EndsWith('s') || singular.EndsWith("sh", StringComparison.Ordinal) || singular.EndsWith("ch", StringComparison.Ordinal) => singular + "es",
        _ when singular.EndsWith('y') && singular.Length > 1 && !"aeiou".Contains(singular[^2], StringComparison.Ordinal) => singular[..^1] + "ies",
        _ => singular + "s",
    };
}
