// Tidemark sample: a minimal API that migrates its own drizzle-kit folder at start-up.
//
//   dotnet run                                   # no database configured: starts a throwaway local PostgreSQL
//   ConnectionStrings__Default="Host=...;Database=..." dotnet run
//   DATABASE_URL=postgres://user:pw@host:5432/db dotnet run
//
// GET /health answers 200 once the database is at the migrations' target; GET /users and GET /users/{id} read the
// migrated table; POST /users adds one (201 with Location: /users/{id}; 409 problem details when the email exists).
using Microsoft.Extensions.Options;
using Npgsql;
using Tidemark;
using Tidemark.Hosting;

var builder = WebApplication.CreateBuilder(args);

// Reads the "Tidemark" section of appsettings.json; migrations finish before Kestrel listens.
builder.Services.AddTidemark().AddHealthCheck();

var app = builder.Build();

app.MapHealthChecks("/health");

app.MapGet("/", () => "Tidemark sample. Try GET /health, GET /users, POST /users?email=a@example.com");

app.MapGet("/users", async (TidemarkDatabase database, CancellationToken ct) =>
{
    var dataSource = await database.GetDataSourceAsync(ct);
    await using var cmd = dataSource.CreateCommand("SELECT id, email, role::text, display_name FROM users ORDER BY id");
    await using var reader = await cmd.ExecuteReaderAsync(ct);
    var users = new List<User>();
    while (await reader.ReadAsync(ct))
    {
        users.Add(new User(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
    }

    return Results.Ok(users);
});

app.MapGet("/users/{id:int}", async (int id, TidemarkDatabase database, CancellationToken ct) =>
{
    var dataSource = await database.GetDataSourceAsync(ct);
    await using var cmd = dataSource.CreateCommand("SELECT id, email, role::text, display_name FROM users WHERE id = $1");
    cmd.Parameters.AddWithValue(id);
    await using var reader = await cmd.ExecuteReaderAsync(ct);
    return await reader.ReadAsync(ct)
        ? Results.Ok(new User(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)))
        : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such user", detail: $"There is no user with id {id}.");
}).WithName("GetUser");

app.MapPost("/users", async (string email, TidemarkDatabase database, CancellationToken ct) =>
{
    var dataSource = await database.GetDataSourceAsync(ct);
    await using var cmd = dataSource.CreateCommand("INSERT INTO users (email) VALUES ($1) RETURNING id");
    cmd.Parameters.AddWithValue(email);
    try
    {
        var id = (int)(await cmd.ExecuteScalarAsync(ct))!;
        return Results.CreatedAtRoute("GetUser", new { id }, new User(id, email, "member", null));
    }
    catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
    {
        // A conflict the client can fix, not a server error: 409 with a problem-details body, no stack trace.
        return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Email already registered",
            detail: $"A user with email '{email}' already exists.");
    }
});

try
{
    await app.RunAsync();
    return 0;
}
catch (OperationCanceledException)
{
    // Ctrl-C / SIGTERM while migrating: Tidemark rolled back and logged a warning (event 5010).
    return 130;
}
catch (Exception ex) when (ex is TidemarkException or OptionsValidationException or NpgsqlException)
{
    // Already logged with its reason (event 5020/5021, or the options error naming the setting); a lost connection
    // (NpgsqlException) too: exit 1, not a crash.
    return 1;
}

internal sealed record User(int Id, string Email, string Role, string? DisplayName);
