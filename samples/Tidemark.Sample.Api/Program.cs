// Tidemark sample: a minimal API that migrates its own drizzle-kit folder at start-up.
//
//   dotnet run                                   # no database configured: starts a throwaway local PostgreSQL
//   ConnectionStrings__Default="Host=...;Database=..." dotnet run
//   DATABASE_URL=postgres://user:pw@host:5432/db dotnet run
//
// GET /health answers 200 once the database is at the migrations' target; GET /users reads the migrated table.
using Microsoft.Extensions.Options;
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

app.MapPost("/users", async (string email, TidemarkDatabase database, CancellationToken ct) =>
{
    var dataSource = await database.GetDataSourceAsync(ct);
    await using var cmd = dataSource.CreateCommand("INSERT INTO users (email) VALUES ($1) RETURNING id");
    cmd.Parameters.AddWithValue(email);
    var id = (int)(await cmd.ExecuteScalarAsync(ct))!;
    return Results.Created($"/users/{id}", new User(id, email, "member", null));
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
catch (Exception ex) when (ex is TidemarkException or OptionsValidationException)
{
    // Already logged with its reason (event 5020/5021, or the options error naming the setting).
    return 1;
}

internal sealed record User(int Id, string Email, string Role, string? DisplayName);
