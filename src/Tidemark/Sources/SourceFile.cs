using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Tidemark.Sources;

/// <summary>
/// One file of a migration source. <see cref="Name"/> is relative to the source root with '/'
/// separators (<c>0001_init.sql</c>, <c>meta/_journal.json</c>, <c>20250101000000_x/migration.sql</c>),
/// whatever the source (folder or embedded resources); <see cref="Path"/> is what messages show.
/// </summary>
internal sealed class SourceFile(string name, string path, Func<byte[]> read)
{
    public string Name { get; } = name;

    public string Path { get; } = path;

    public byte[] ReadBytes() => read();
}

/// <summary>A migration file read, checked and hashed.</summary>
/// <param name="Path">The file's display path.</param>
/// <param name="Script">The file's SQL: valid UTF-8 without a leading byte order mark, decoded on first use.</param>
/// <param name="Checksum">Lowercase hex SHA-256 of the raw bytes (BOM and CRLF kept).</param>
/// <param name="LfChecksum">SHA-256 of the bytes with CRLF turned into LF, only when the file contains CRLF.</param>
/// <param name="NoTransactionDirective">The first non-blank line is <c>-- tidemark:no-transaction</c>.</param>
internal sealed record LoadedFile(string Path, Utf8Sql Script, string Checksum, string? LfChecksum, bool NoTransactionDirective)
{
    /// <summary>The file decoded as UTF-8, without a leading byte order mark.</summary>
    public string Text => Script.Text;
}

/// <summary>Reads migration files: raw-byte checksum, strict UTF-8, the no-transaction directive.</summary>
internal static partial class SourceFileReader
{
    /// <summary>Reads, checks and hashes every file (in parallel); the error reported is the first file in order that fails.</summary>
    public static LoadedFile[] ReadAll(IReadOnlyList<SourceFile> files, CancellationToken cancellationToken)
    {
        var result = new LoadedFile[files.Count];
        if (files.Count <= 4)
        {
            for (var i = 0; i < files.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                result[i] = Read(files[i]);
            }

            return result;
        }

        // Every file is read even when one fails, so the error reported is the first file in
        // order, not whichever thread lost the race.
        var errors = new MigrationSourceException?[files.Count];
        var options = new ParallelOptions { CancellationToken = cancellationToken };
        Parallel.For(0, files.Count, options, i =>
        {
            try
            {
                result[i] = Read(files[i]);
            }
            catch (MigrationSourceException ex)
            {
                errors[i] = ex;
            }
        });

        var first = Array.Find(errors, e => e is not null);
        return first is null ? result : throw first;
    }

    public static LoadedFile Read(SourceFile file) => Decode(file.Path, ReadBytes(file));

    public static byte[] ReadBytes(SourceFile file)
    {
        try
        {
            return file.ReadBytes();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new MigrationSourceException(
                file.Path,
                $"cannot read the file: {ex.Message}",
                "check that the file exists and that this process may read it");
        }
    }

    public static LoadedFile Decode(string path, byte[] bytes)
    {
        var checksum = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            var offset = FirstInvalidUtf8Offset(bytes);
            var line = 1 + bytes.AsSpan(0, offset).Count((byte)'\n');
            throw new MigrationSourceException(
                path,
                $"the file is not valid UTF-8: invalid byte 0x{bytes[offset]:x2} at byte offset {offset} (line {line})",
                "save the file as UTF-8 (most editors: \"Save with encoding\" > UTF-8)");
        }

        // The checksum covers the raw bytes, BOM included (that is what drizzle hashes); the SQL text
        // leaves the BOM out, because PostgreSQL would otherwise see U+FEFF before the first keyword.
        var start = bytes.AsSpan().StartsWith(Utf8Bom) ? Utf8Bom.Length : 0;

        string? lfChecksum = null;
        if (bytes.AsSpan().IndexOf("\r\n"u8) >= 0)
        {
            lfChecksum = Convert.ToHexStringLower(SHA256.HashData(RemoveCarriageReturnsBeforeNewLines(bytes)));
        }

        return new LoadedFile(path, Utf8Sql.FromValidUtf8(bytes, start), checksum, lfChecksum, HasNoTransactionDirective(bytes.AsSpan(start)));
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// <see cref="HasNoTransactionDirective(string)"/> on valid UTF-8, decoding only up to the first line that is
    /// not blank ('\n' never occurs inside a multi-byte sequence, so each piece decodes on its own).
    /// </summary>
    private static bool HasNoTransactionDirective(ReadOnlySpan<byte> utf8)
    {
        while (utf8.Length > 0)
        {
            var end = utf8.IndexOf((byte)'\n');
            var piece = end < 0 ? utf8 : utf8[..(end + 1)];
            if (FirstNonBlankLineIsDirective(Encoding.UTF8.GetString(piece)) is { } found)
            {
                return found;
            }

            utf8 = utf8[piece.Length..];
        }

        return false;
    }

    /// <summary>True when the first non-blank line is <c>-- tidemark:no-transaction</c> (any case, spaces allowed).</summary>
    public static bool HasNoTransactionDirective(string text) => FirstNonBlankLineIsDirective(text) ?? false;

    /// <summary>Whether the first non-blank line is the directive; null when every line is blank.</summary>
    private static bool? FirstNonBlankLineIsDirective(string text)
    {
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (line.IsWhiteSpace())
            {
                continue;
            }

            return DirectiveRegex().IsMatch(line);
        }

        return null;
    }

    [GeneratedRegex(@"^\s*--\s*tidemark:no-transaction\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DirectiveRegex();

    private static int FirstInvalidUtf8Offset(byte[] bytes)
    {
        var span = bytes.AsSpan();
        var offset = 0;
        while (offset < span.Length)
        {
            var status = System.Text.Rune.DecodeFromUtf8(span[offset..], out _, out var consumed);
            if (status != OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return Math.Max(0, span.Length - 1);
    }

    private static byte[] RemoveCarriageReturnsBeforeNewLines(byte[] bytes)
    {
        var output = new byte[bytes.Length];
        var n = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\r' && i + 1 < bytes.Length && bytes[i + 1] == (byte)'\n')
            {
                continue;
            }

            output[n++] = bytes[i];
        }

        return output[..n];
    }
}
