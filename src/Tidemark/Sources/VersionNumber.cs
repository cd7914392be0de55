namespace Tidemark.Sources;

/// <summary>
/// A version made of numeric parts (<c>1.10.2</c>, <c>0003</c>) compared part by part as numbers of
/// any length: <c>1.10</c> &gt; <c>1.9</c>, <c>2</c> &gt; <c>1.10</c>, <c>007</c> == <c>7</c>, and
/// trailing zero parts do not count (<c>1.0</c> == <c>1</c>), as in Flyway.
/// </summary>
internal sealed class VersionNumber : IComparable<VersionNumber>
{
    private readonly string[] parts;

    private VersionNumber(string[] parts) => this.parts = parts;

    /// <summary>Parts separated by '.' or '_'; each part must be digits only.</summary>
    public static VersionNumber Parse(string text)
    {
        var parts = text.Split('.', '_').Select(p => p.TrimStart('0')).ToList();
        while (parts.Count > 0 && parts[^1].Length == 0)
        {
            parts.RemoveAt(parts.Count - 1);
        }

        return new VersionNumber([.. parts]);
    }

    public int CompareTo(VersionNumber? other)
    {
        if (other is null)
        {
            return 1;
        }

        for (var i = 0; i < Math.Min(parts.Length, other.parts.Length); i++)
        {
            var c = ComparePart(parts[i], other.parts[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return parts.Length.CompareTo(other.parts.Length);
    }

    // Parts have no leading zeros (an empty part is zero): a longer part is a bigger number.
    private static int ComparePart(string a, string b) =>
        a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b);
}
