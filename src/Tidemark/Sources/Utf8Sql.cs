using System.Text;

namespace Tidemark.Sources;

/// <summary>
/// A migration's SQL kept as the file's UTF-8 bytes (already checked valid) and decoded on first use.
/// A run with nothing to do needs only the files' checksums, so it never turns hundreds of files into
/// strings (twice the bytes, in fresh memory that a short-lived process pays for in page faults).
/// Two instances are equal when their text is.
/// </summary>
internal sealed class Utf8Sql : IEquatable<Utf8Sql>
{
    private readonly byte[]? _utf8;
    private readonly int _start;
    private string? _text;

    private Utf8Sql(byte[]? utf8, int start, string? text)
    {
        _utf8 = utf8;
        _start = start;
        _text = text;
    }

    /// <summary>Bytes known to be valid UTF-8; the text starts at <paramref name="start"/> (after a byte order mark).</summary>
    public static Utf8Sql FromValidUtf8(byte[] utf8, int start) => new(utf8, start, null);

    public static Utf8Sql FromString(string text) => new(null, 0, text);

    /// <summary>The SQL text (decoded once; concurrent first calls decode the same string).</summary>
    public string Text => _text ??= Encoding.UTF8.GetString(_utf8!, _start, _utf8!.Length - _start);

    public bool Equals(Utf8Sql? other) => other is not null && string.Equals(Text, other.Text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as Utf8Sql);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text);

    public override string ToString() => Text;
}
