using System.Globalization;
using System.Text;

namespace Tidemark.IntegrationTests.Catalog;

/// <summary>
/// Generates the benchmark schema of issue 3: by default 1 000 tables × 10 columns (10 000 columns), 2 000 indexes
/// (a primary key and one secondary index per table), 1 000 foreign keys (each table references the previous one,
/// the first the last), 100 views and 100 functions, in schema <c>bench</c>.
/// </summary>
internal static class LargeSchema
{
    public static string Generate(int tables = 1000, int views = 100, int functions = 100)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder("CREATE SCHEMA bench;\n");
        for (var i = 0; i < tables; i++)
        {
            sb.Append(inv, $"""
                CREATE TABLE bench.t{i} (id bigint PRIMARY KEY, parent_id bigint, name text NOT NULL, email varchar(200),
                  amount numeric(12,2) DEFAULT 0, created_at timestamptz NOT NULL DEFAULT now(), flag boolean DEFAULT false,
                  data jsonb, code int CHECK (code > 0), note text);
                CREATE INDEX t{i}_parent_idx ON bench.t{i} (parent_id);

                """);
        }

        for (var i = 0; i < tables; i++)
        {
            var target = i == 0 ? tables - 1 : i - 1;
            sb.Append(inv, $"ALTER TABLE bench.t{i} ADD CONSTRAINT t{i}_parent_fk FOREIGN KEY (parent_id) REFERENCES bench.t{target}(id) ON DELETE CASCADE;\n");
        }

        for (var i = 0; i < views; i++)
        {
            var other = (i + 1) % tables;
            sb.Append(inv, $"CREATE VIEW bench.v{i} AS SELECT a.id, a.name, b.email FROM bench.t{i % tables} a JOIN bench.t{other} b ON b.id = a.parent_id WHERE a.flag;\n");
        }

        for (var i = 0; i < functions; i++)
        {
            sb.Append(inv, $"CREATE FUNCTION bench.f{i}(x integer, y text DEFAULT 'a') RETURNS integer LANGUAGE plpgsql STABLE AS $$ BEGIN RETURN x + {i}; END $$;\n");
        }

        return sb.ToString();
    }
}
