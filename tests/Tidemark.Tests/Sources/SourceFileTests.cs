using System.Text;
using Tidemark.Sources;

namespace Tidemark.Tests.Sources;

public sealed class SourceFileTests
{
    private const string Lf = "create table t (\n  id int\n);\n";

    [Fact]
    public async Task Checksum_is_over_raw_bytes_so_crlf_and_bom_copies_differ_and_sql_drops_the_bom()
    {
        using var temp = new TempFolder();
        var lf = temp.Write("lf/0001_t.sql", Lf);
        var crlf = temp.WriteBytes("crlf/0001_t.sql", Encoding.UTF8.GetBytes(Lf.Replace("\n", "\r\n", StringComparison.Ordinal)));
        var bom = temp.WriteBytes("bom/0001_t.sql", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Lf)]);

        var fromLf = (await MigrationSources.FromDirectory(Path.GetDirectoryName(lf)!).LoadAsync(CancellationToken.None)).Versioned[0];
        var fromCrlf = (await MigrationSources.FromDirectory(Path.GetDirectoryName(crlf)!).LoadAsync(CancellationToken.None)).Versioned[0];
        var fromBom = (await MigrationSources.FromDirectory(Path.GetDirectoryName(bom)!).LoadAsync(CancellationToken.None)).Versioned[0];

        Assert.Equal(SourceTestData.Sha256Hex(lf), fromLf.Checksum);
        Assert.Equal(SourceTestData.Sha256Hex(crlf), fromCrlf.Checksum);
        Assert.Equal(SourceTestData.Sha256Hex(bom), fromBom.Checksum);
        Assert.NotEqual(fromLf.Checksum, fromCrlf.Checksum);
        Assert.NotEqual(fromLf.Checksum, fromBom.Checksum);
        Assert.Matches("^[0-9a-f]{64}$", fromLf.Checksum);

        // The text keeps CRLF as written, but the BOM is not part of the SQL.
        Assert.Equal(Lf, fromLf.Sql);
        Assert.Equal(Lf.Replace("\n", "\r\n", StringComparison.Ordinal), fromCrlf.Sql);
        Assert.Equal(Lf, fromBom.Sql);

        // The LF-normalised checksum (what some drizzle-orm releases hash) is offered only for CRLF files.
        Assert.Null(fromLf.LfChecksum);
        Assert.Equal(fromLf.Checksum, fromCrlf.LfChecksum);
    }

    [Theory]
    [InlineData("-- tidemark:no-transaction\ncreate index concurrently i on t (id);", true)]
    [InlineData("\n\n   --  TIDEMARK:No-Transaction   \r\ncreate index concurrently i on t (id);", true)]
    [InlineData("create index concurrently i on t (id);\n-- tidemark:no-transaction", false)]
    [InlineData("-- a comment\n-- tidemark:no-transaction\nselect 1;", false)]
    [InlineData("-- tidemark:no-transactions\nselect 1;", false)]
    [InlineData("\u00A0 \t\n-- tidemark:no-transaction\nvacuum;", true)] // a line of non-ASCII blanks is blank
    [InlineData("-- tidemark:no-transaction\rvacuum;", true)] // a lone CR ends a line too
    public async Task No_transaction_directive_must_be_the_first_non_blank_line(string sql, bool expected)
    {
        using var temp = new TempFolder();
        temp.Write("0001_x.sql", sql);

        var set = await MigrationSources.FromDirectory(temp.Path).LoadAsync(CancellationToken.None);

        Assert.Equal(expected, set.Versioned[0].NoTransactionDirective);
    }

    [Fact]
    public async Task Directive_is_found_after_a_bom()
    {
        using var temp = new TempFolder();
        temp.WriteBytes("0001_x.sql", [0xEF, 0xBB, 0xBF, .. "-- tidemark:no-transaction\nvacuum;"u8.ToArray()]);

        var set = await MigrationSources.FromDirectory(temp.Path).LoadAsync(CancellationToken.None);

        Assert.True(set.Versioned[0].NoTransactionDirective);
    }

    [Fact]
    public async Task With_many_files_read_in_parallel_the_first_bad_file_in_order_is_reported()
    {
        using var temp = new TempFolder();
        for (var i = 1; i <= 40; i++)
        {
            temp.Write($"{i:D4}_m.sql", "select 1;");
        }

        var first = temp.WriteBytes("0007_m.sql", [0xFF, 0xFE]);
        temp.WriteBytes("0030_m.sql", [0xC3]);

        var ex = await Assert.ThrowsAsync<MigrationSourceException>(() => MigrationSources.FromDirectory(temp.Path).LoadAsync(CancellationToken.None));

        Assert.Equal(first, ex.Path);
        Assert.Contains("byte offset 0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_utf8_names_the_file_and_the_byte_offset()
    {
        using var temp = new TempFolder();
        temp.Write("0001_ok.sql", "select 1;");
        var bad = temp.WriteBytes("0002_latin1.sql", [.. "select 'caf"u8.ToArray(), 0xE9, .. "';\n"u8.ToArray()]);

        var ex = await Assert.ThrowsAsync<MigrationSourceException>(() => MigrationSources.FromDirectory(temp.Path).LoadAsync(CancellationToken.None));

        Assert.Equal(bad, ex.Path);
        Assert.Contains(bad, ex.Message, StringComparison.Ordinal);
        Assert.Contains("not valid UTF-8", ex.Message, StringComparison.Ordinal);
        Assert.Contains("byte offset 11", ex.Message, StringComparison.Ordinal);
        Assert.Contains("0xe9", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(ex.NextStep);
    }
}
