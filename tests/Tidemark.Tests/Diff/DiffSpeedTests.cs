using System.Diagnostics;
using System.Globalization;
using Tidemark.Catalog;
using Tidemark.Diff;
using Xunit.Abstractions;

namespace Tidemark.Tests.Diff;

/// <summary>
/// Measures the diff of two generated models of 1 000 tables / 10 000 columns / 2 000 indexes / 1 000 foreign keys /
/// 100 views / 100 functions, where the target changes 10% of the tables. Reports the time (target ≤ 100 ms);
/// asserts only that the diff found exactly the changes made.
/// </summary>
public sealed class DiffSpeedTests(ITestOutputHelper output)
{
    [Fact]
    public void Diff_of_a_thousand_table_model_is_fast_and_finds_every_change()
    {
        var from = Generate(changed: false);
        var to = Generate(changed: true);
        SchemaDiffer.Diff(from, to); // warm up (JIT, lookups)

        var runs = new List<double>();
        var cpu = new List<double>();
        using var process = Process.GetCurrentProcess();
        SchemaDiff? diff = null;
        for (var i = 0; i < 15; i++)
        {
            var from2 = Generate(changed: false); // fresh models: lookups are built on first use, as in real runs
            var to2 = Generate(changed: true);
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            diff = SchemaDiffer.Diff(from2, to2);
            runs.Add(sw.Elapsed.TotalMilliseconds);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
        }

        runs.Sort();
        cpu.Sort();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"diff of 1000 tables/10000 columns/2000 indexes/999 FKs/100 views/100 functions, 10% of tables changed: wall median {runs[7]:F1} ms (min {runs[0]:F1}, max {runs[14]:F1}); process CPU median {cpu[7]:F1} ms (min {cpu[0]:F1}); {diff!.Changes.Length} changes"));
        Assert.Equal(100, diff.Changes.Count(c => c.Sql.Contains(" ADD COLUMN extra text", StringComparison.Ordinal)));
        Assert.Equal(100, diff.Changes.Count(c => c.Sql.Contains(" TYPE bigint", StringComparison.Ordinal)));
        Assert.Equal(200, diff.Changes.Length);
        Assert.True(SchemaDiffer.Diff(from, Generate(changed: false)).IsEmpty);
    }

    private static SchemaModel Generate(bool changed)
    {
        var tables = new List<TableInfo>();
        var views = new List<ViewInfo>();
        var functions = new List<FunctionInfo>();
        var edges = new List<DependencyEdge>();
        for (var t = 0; t < 1000; t++)
        {
            var name = new QualifiedName("public", "t" + t.ToString("D4", CultureInfo.InvariantCulture));
            var touched = changed && t % 10 == 0;
            var columns = new List<ColumnInfo> { new("id", "bigint", true) };
            for (var c = 1; c < 10; c++)
            {
                columns.Add(new ColumnInfo("c" + c, c == 1 && touched ? "bigint" : c % 2 == 0 ? "text" : "integer", c % 3 == 0, c % 4 == 0 ? "0" : null));
            }

            if (touched)
            {
                columns.Add(new ColumnInfo("extra", "text", false));
            }

            var pk = new ConstraintInfo(name.Name + "_pkey", ConstraintKind.PrimaryKey, ["id"], "PRIMARY KEY (id)");
            var constraints = new List<ConstraintInfo> { pk };
            if (t > 0)
            {
                var target = new QualifiedName("public", "t" + (t - 1).ToString("D4", CultureInfo.InvariantCulture));
                constraints.Add(new ConstraintInfo(name.Name + "_fk", ConstraintKind.ForeignKey, ["c3"], $"FOREIGN KEY (c3) REFERENCES {target}(id)")
                {
                    ForeignKey = new ForeignKeyInfo(target, ["id"], ForeignKeyAction.NoAction, ForeignKeyAction.Cascade, ForeignKeyMatch.Simple),
                });
            }

            var indexes = new[] { "c2", "c4" }.Select(col => new IndexInfo(name.Name + "_" + col + "_idx", false, "btree", [new IndexKeyInfo(col, null)], [], null,
                $"CREATE INDEX {name.Name}_{col}_idx ON {name} USING btree ({col})")).ToList();
            tables.Add(new TableInfo(name, TablePersistence.Permanent, [.. columns], [.. constraints], [.. indexes], [], []));
            if (t % 10 == 5)
            {
                var view = new ViewInfo(new QualifiedName("public", "v" + t), false, $" SELECT id, c2 FROM {name};", [new("id", "bigint"), new("c2", "text")]);
                views.Add(view);
                edges.Add(new DependencyEdge(view.Key, ObjectKey.Column(name, "c2")));
                var fn = new FunctionInfo(new QualifiedName("public", "f" + t), "integer", FunctionKind.Function, "sql", "integer",
                    $"CREATE OR REPLACE FUNCTION public.f{t}(x integer) RETURNS integer LANGUAGE sql AS $$ SELECT x + {t} $$");
                functions.Add(fn);
            }
        }

        return SchemaModel.Empty(150000) with
        {
            Schemas = [new SchemaInfo("public")],
            Tables = [.. tables],
            Views = [.. views],
            Functions = [.. functions],
            Dependencies = [.. edges],
        };
    }
}
