namespace Tidemark.Cli;

/// <summary>Process exit codes (documented in the README).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int MigrationFailed = 1;
    public const int BadInput = 2;
    public const int ValidationFailed = 3;
    public const int LockTimeout = 4;
    public const int ConnectionFailed = 5;
    public const int Refused = 6;
    public const int Cancelled = 130;
}
