using Npgsql;
using Tidemark.Catalog;
using Tidemark.IntegrationTests.Infrastructure;

namespace Tidemark.IntegrationTests.Catalog;

public class CatalogReaderTests
{
    private static readonly QualifiedName Order = new("app", "Order");
    private static readonly QualifiedName User = new("public", "user");

    [Fact]
    public async Task Reads_schemas_extensions_and_types()
    {
        var m = await RichModel.GetAsync();

        Assert.Equal(["app", "public"], m.Schemas.Select(s => s.Name));
        Assert.Equal("application schema", m.FindSchema("app")!.Comment);
        var trgm = Assert.Single(m.Extensions, e => e.Name == "pg_trgm");
        Assert.Equal("public", trgm.Schema);
        Assert.DoesNotContain(m.Functions, f => f.Name.Name == "similarity");

        var mood = m.FindEnum(new("app", "mood"))!;
        Assert.Equal(["sad", "meh", "ok", "happy"], mood.Labels);
        Assert.Equal("how it feels", mood.Comment);

        var positive = m.FindDomain(new("app", "positive_int"))!;
        Assert.Equal(("integer", "1", true), (positive.BaseType, positive.Default, positive.NotNull));
        Assert.Equal("(VALUE > 0)", Assert.Single(positive.Checks).Expression);
        var code = m.FindDomain(new("app", "code"))!;
        Assert.Equal("pg_catalog.\"C\"", code.Collation);
        Assert.True(Assert.Single(code.Checks).NotValid);

        var address = m.FindCompositeType(new("app", "address"))!;
        Assert.Equal(["street", "city", "zip"], address.Attributes.Select(a => a.Name));
        Assert.Equal("app.code", address.Attributes[2].Type);
        Assert.Equal("pg_catalog.\"C\"", address.Attributes[1].Collation);

        var ticket = m.FindSequence(new("app", "ticket_seq"))!;
        Assert.Equal((100L, 5L, 100L, 100000L, 10L, true), (ticket.Start, ticket.Increment, ticket.Min, ticket.Max, ticket.Cache, ticket.Cycle));
        Assert.Equal(new ColumnRef(Order, "ticket"), ticket.OwnedBy);
        Assert.Equal("tickets", ticket.Comment);
        Assert.DoesNotContain(m.Sequences, s => s.Name.Name == "user_id_seq"); // identity sequence lives on the column
    }

    [Fact]
    public async Task Reads_tables_and_columns()
    {
        var m = await RichModel.GetAsync();
        var user = m.FindTable(User)!;
        Assert.Equal("people", user.Comment);
        Assert.Equal(["id", "email", "displayName", "mood", "created_at", "email_lower", "address", "score"], user.Columns.Select(c => c.Name));

        var id = user.FindColumn("id")!;
        Assert.Equal(IdentityKind.Always, id.Identity!.Kind);
        Assert.Equal((1000L, 2L), (id.Identity.Start, id.Identity.Increment));
        Assert.Equal("character varying(200)", user.FindColumn("displayName")!.Type);
        Assert.Equal("pg_catalog.\"C\"", user.FindColumn("displayName")!.Collation);
        Assert.Equal("'ok'::app.mood", user.FindColumn("mood")!.Default);
        Assert.Equal("lower(email)", user.FindColumn("email_lower")!.Generated);
        Assert.Null(user.FindColumn("email_lower")!.Default);
        Assert.Equal("login e-mail", user.FindColumn("email")!.Comment);

        var order = m.FindTable(Order)!;
        Assert.Equal("nextval('app.\"Order_id_seq\"'::regclass)", order.FindColumn("id")!.Default);
        Assert.Contains(m.Sequences, s => s.Name == new QualifiedName("app", "Order_id_seq") && s.OwnedBy == new ColumnRef(Order, "id"));
        Assert.Equal("app.positive_int", order.FindColumn("limit")!.Type);
        Assert.Equal(["fillfactor=70"], order.Options);
        Assert.True(order.RowSecurity && order.ForceRowSecurity);

        Assert.Equal(TablePersistence.Unlogged, m.FindTable(new("app", "cache"))!.Persistence);
        var events = m.FindTable(new("app", "events"))!;
        Assert.Equal("RANGE (at)", events.PartitionKey);
        var p2024 = m.FindTable(new("app", "events_2024"))!;
        Assert.Equal(new QualifiedName("app", "events"), p2024.PartitionOf);
        Assert.Equal("FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')", p2024.PartitionBound);
        Assert.Empty(p2024.Constraints); // the cloned primary key belongs to the parent
        Assert.Equal("DEFAULT", m.FindTable(new("app", "events_default"))!.PartitionBound);
        Assert.Equal([new QualifiedName("app", "base")], m.FindTable(new("app", "child"))!.Inherits);
    }

    [Fact]
    public async Task Reads_constraints_and_indexes()
    {
        var m = await RichModel.GetAsync();
        var order = m.FindTable(Order)!;

        var fk = order.FindConstraint("order_user_fk")!;
        Assert.Equal(ConstraintKind.ForeignKey, fk.Kind);
        Assert.Equal(new ForeignKeyInfo(User, ["id"], ForeignKeyAction.Restrict, ForeignKeyAction.Cascade, ForeignKeyMatch.Full), fk.ForeignKey);
        Assert.True(fk.Deferrable && fk.InitiallyDeferred);
        Assert.StartsWith("FOREIGN KEY (user_id) REFERENCES public.\"user\"(id) MATCH FULL", fk.Definition, StringComparison.Ordinal);

        Assert.True(order.FindConstraint("note_len")!.NotValid);
        Assert.Equal("(length(note) < 1000)", order.FindConstraint("note_len")!.CheckExpression);
        var exclude = order.FindConstraint("no_overlap")!;
        Assert.Equal((ConstraintKind.Exclude, "gist"), (exclude.Kind, exclude.Index!.Method));
        var pk = order.PrimaryKey!;
        Assert.Equal(("Order_pkey", "pk index"), (pk.Name, pk.Index!.Comment));
        Assert.DoesNotContain(order.Indexes, i => i.Name == "Order_pkey"); // tied to its constraint, not standalone

        var unique = m.FindTable(User)!.FindConstraint("user_email_key")!;
        Assert.Equal(await TestServer.MajorVersionAsync() >= 15, unique.NullsNotDistinct);
        Assert.Equal("one account per address", unique.Comment);

        var open = order.FindIndex("order_open_idx")!;
        Assert.Equal("(status <> 'shipped'::text)", open.Predicate);
        Assert.Equal(["note"], open.Include);
        Assert.Equal(new IndexKeyInfo("user_id", null, Descending: true, NullsFirst: false), open.Keys[0]);
        Assert.Equal("open orders", open.Comment);
        Assert.True(open.Valid);
        Assert.Equal("public.gin_trgm_ops", order.FindIndex("order_note_trgm")!.Keys[0].OpClass);
        var lower = order.FindIndex("order_lower_note")!;
        Assert.Equal(new IndexKeyInfo(null, "lower(note)", "text_pattern_ops", "pg_catalog.\"C\""), lower.Keys[0]);
        Assert.Equal(["fillfactor=80"], lower.Options);
    }

    [Fact]
    public async Task Reads_views_functions_triggers_policies_and_dependencies()
    {
        var m = await RichModel.GetAsync();
        var view = m.FindView(new("app", "open_orders"))!;
        Assert.False(view.Materialized);
        Assert.Contains("JOIN public.\"user\" u ON u.id = o.user_id", view.Definition, StringComparison.Ordinal);
        Assert.Equal(["security_barrier=true"], view.Options);
        Assert.Equal("customer e-mail", view.Columns[2].Comment);
        var counts = m.FindView(new("app", "order_counts"))!;
        Assert.True(counts.Materialized);
        Assert.Equal("order_counts_user", Assert.Single(counts.Indexes).Name);

        var add = m.FindFunction(ObjectKey.Function(new("app", "add"), "integer, integer"))!;
        Assert.Equal((Volatility.Immutable, true, ParallelSafety.Safe, "sql"), (add.Volatility, add.Strict, add.Parallel, add.Language));
        Assert.Equal("a integer, b integer DEFAULT 1", add.Arguments);
        Assert.StartsWith("CREATE OR REPLACE FUNCTION app.add(a integer, b integer DEFAULT 1)", add.Definition, StringComparison.Ordinal);
        var secret = m.Functions.Single(f => f.Name.Name == "secret");
        Assert.True(secret.SecurityDefiner);
        Assert.Equal(["search_path=app, pg_temp"], secret.Config);
        Assert.Equal(FunctionKind.Procedure, m.Functions.Single(f => f.Name.Name == "cleanup").Kind);
        Assert.Null(m.Functions.Single(f => f.Name.Name == "cleanup").ReturnType);
        Assert.Equal(FunctionKind.Aggregate, m.Functions.Single(f => f.Name.Name == "total").Kind);
        Assert.Equal("trigger fn", m.Functions.Single(f => f.Name.Name == "touch").Comment);

        var order = m.FindTable(Order)!;
        var trigger = Assert.Single(order.Triggers);
        Assert.Equal(("order_touch", "app.touch()", TriggerEnabled.Disabled, "fills note"), (trigger.Name, trigger.Function, trigger.Enabled, trigger.Comment));
        var own = order.Policies.Single(p => p.Name == "own_orders");
        Assert.Equal((false, PolicyCommand.Select, "(user_id > 0)", "rls"), (own.Permissive, own.Command, own.Using, own.Comment));
        Assert.Equal(["public"], own.Roles);
        Assert.Equal("(status = 'new'::text)", order.Policies.Single(p => p.Name == "insert_orders").WithCheck);

        Assert.Contains(ObjectKey.Function(new("app", "add"), "integer, integer"), m.DependenciesOf(view.Key));
        Assert.Contains(ObjectKey.Column(User, "email"), m.DependenciesOf(view.Key));
        Assert.Contains(ObjectKey.Type(new("app", "mood")), m.DependenciesOf(ObjectKey.Column(User, "mood")));
        Assert.Contains(ObjectKey.Function(new("app", "touch"), ""), m.DependenciesOf(ObjectKey.Trigger(Order, "order_touch")));
        Assert.Contains(ObjectKey.Constraint(User, "user_pkey"), m.DependenciesOf(ObjectKey.Constraint(Order, "order_user_fk")));
        Assert.Contains(ObjectKey.Sequence(new("app", "ticket_seq")), m.DependenciesOf(ObjectKey.Column(Order, "ticket")));
        Assert.Contains(ObjectKey.Extension("pg_trgm"), m.DependenciesOf(ObjectKey.Index(new("app", "order_note_trgm"))));
        Assert.Contains(ObjectKey.Extension("btree_gist"), m.DependenciesOf(ObjectKey.Constraint(Order, "no_overlap")));
        Assert.DoesNotContain(m.Dependencies, d => d.Dependent.Kind == "sequence" && d.Referenced.Kind == "column");
        Assert.All(m.Dependencies, d => Assert.Contains(d.Referenced, m.AllKeys));
    }

    [Fact]
    public async Task Read_is_one_round_trip_and_leaves_session_settings_alone()
    {
        var cs = await RichModel.ConnectionStringAsync();
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using (var set = new NpgsqlCommand("SET search_path = app, public", conn))
        {
            await set.ExecuteNonQueryAsync();
        }

        var reader = new CatalogReader();
        var model = await reader.ReadAsync(conn, CatalogOptions.Default, CancellationToken.None);
        Assert.Equal(1, reader.LastRoundTrips);
        Assert.Equal(Enum.GetValues<CatalogQueries.Result>().Length, reader.LastQueryCount);
        Assert.Equal(model, await CatalogTestDb.ReadAsync(cs)); // the caller's search_path did not change the text
        await using var show = new NpgsqlCommand("SHOW search_path", conn);
        Assert.Equal("app, public", (string?)await show.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Read_inside_the_callers_transaction_keeps_its_settings()
    {
        var cs = await RichModel.ConnectionStringAsync();
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await using (var set = new NpgsqlCommand("SET LOCAL search_path = app; SET LOCAL timezone = 'Europe/Paris'; SET LOCAL jit = on", conn, tx))
        {
            await set.ExecuteNonQueryAsync();
        }

        var model = await new CatalogReader().ReadAsync(conn, CatalogOptions.Default, CancellationToken.None);
        Assert.Equal(await RichModel.GetAsync(), model);
        await using var show = new NpgsqlCommand("SELECT current_setting('search_path') || ' ' || current_setting('timezone') || ' jit=' || current_setting('jit')", conn, tx);
        Assert.Equal("app Europe/Paris jit=on", (string?)await show.ExecuteScalarAsync());
        await tx.CommitAsync();
    }

    [Fact]
    public async Task Schema_selection_and_excluded_schemas()
    {
        var cs = await CatalogTestDb.CreateAsync("catsel", """
            CREATE SCHEMA tidemark; CREATE TABLE tidemark.history (id int);
            CREATE SCHEMA drizzle; CREATE TABLE drizzle.__drizzle_migrations (id int);
            CREATE SCHEMA a; CREATE TABLE a.t (id int); CREATE SCHEMA b; CREATE TABLE b.t (id int);
            """);
        var all = await CatalogTestDb.ReadAsync(cs);
        Assert.Equal(["a", "b", "public"], all.Schemas.Select(s => s.Name));
        Assert.Equal([new QualifiedName("a", "t"), new QualifiedName("b", "t")], all.Tables.Select(t => t.Name));

        var onlyB = await CatalogTestDb.ReadAsync(cs, new CatalogOptions { IncludeSchemas = ["b"] });
        Assert.Equal([new QualifiedName("b", "t")], onlyB.Tables.Select(t => t.Name));

        var withTidemark = await CatalogTestDb.ReadAsync(cs, new CatalogOptions { ExcludeSchemas = ["a"] });
        Assert.Contains(withTidemark.Tables, t => t.Name == new QualifiedName("tidemark", "history"));
        Assert.DoesNotContain(withTidemark.Tables, t => t.Name.Schema == "a");
    }

    [Theory]
    [InlineData("app")]
    [InlineData("public")]
    [InlineData("app,public")]
    public async Task A_read_of_selected_schemas_has_the_dependencies_of_a_full_read_among_its_objects(string schemas)
    {
        // A selected read finds dependencies from the selected schemas' objects (not from every object in the
        // database): the edges must be those of a full read whose two ends the selected read has.
        var full = await RichModel.GetAsync();
        var one = await CatalogTestDb.ReadAsync(await RichModel.ConnectionStringAsync(), new CatalogOptions { IncludeSchemas = schemas.Split(',') });
        var keys = ModelKeys.Enumerate(one).ToHashSet();

        var expected = full.Dependencies.Where(d => keys.Contains(d.Dependent) && keys.Contains(d.Referenced)).ToArray();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, one.Dependencies.ToArray());
    }

    [Fact]
    public async Task A_prepared_reader_prepares_its_queries_once_per_connection_and_reads_the_same_model()
    {
        await using var conn = new NpgsqlConnection(await RichModel.ConnectionStringAsync());
        await conn.OpenAsync();
        var reader = new CatalogReader { Prepared = true };

        Assert.Equal(await RichModel.GetAsync(), await reader.ReadAsync(conn, CatalogOptions.Default, CancellationToken.None));
        var prepared = await TestServer.ScalarAsync<long>(conn, "SELECT count(*) FROM pg_prepared_statements");
        Assert.Equal(reader.LastQueryCount, prepared);

        // The second read reuses them: none added.
        Assert.Equal(await RichModel.GetAsync(), await reader.ReadAsync(conn, CatalogOptions.Default, CancellationToken.None));
        Assert.Equal(prepared, await TestServer.ScalarAsync<long>(conn, "SELECT count(*) FROM pg_prepared_statements"));

        // Deallocated behind Npgsql's back (DEALLOCATE ALL in a migration): the read still succeeds, unprepared.
        await using (var deallocate = new NpgsqlCommand("DEALLOCATE ALL", conn))
        {
            await deallocate.ExecuteNonQueryAsync();
        }

        Assert.Equal(await RichModel.GetAsync(), await reader.ReadAsync(conn, CatalogOptions.Default, CancellationToken.None));
        Assert.Equal(await RichModel.GetAsync(), await reader.ReadAsync(conn, CatalogOptions.Default, CancellationToken.None));
    }

    [Fact]
    public async Task Identifier_quoting_round_trips_through_the_server()
    {
        var names = new[] { "user", "Order", "simple", "with space", "quote\"d", "1abc", "_ok", "select", "json_table", "MiXed" };
        var cs = await TestServer.CreateDatabaseAsync("catq");
        foreach (var name in names)
        {
            var quoted = await TestServer.ScalarAsync<string>(cs, $"SELECT quote_ident({Identifiers.Literal(name)})");
            if (name != "json_table")
            {
                Assert.Equal(quoted, Identifiers.Quote(name));
            }

            await TestServer.ExecAsync(cs, $"CREATE TABLE {Identifiers.Quote("public", name)} ({Identifiers.Quote(name)} int)");
        }

        var model = await CatalogTestDb.ReadAsync(cs);
        Assert.Equal(names.Order(StringComparer.Ordinal), model.Tables.Select(t => t.Name.Name));
    }
}

/// <summary>The rich schema, created once and read once for the read-only fact tests.</summary>
internal static class RichModel
{
    private static readonly Lazy<Task<string>> Database = new(() => CatalogTestDb.CreateAsync("catrich", RichSchema.Sql));
    private static readonly Lazy<Task<SchemaModel>> Model = new(async () => await CatalogTestDb.ReadAsync(await Database.Value));

    public static Task<string> ConnectionStringAsync() => Database.Value;

    public static Task<SchemaModel> GetAsync() => Model.Value;
}
