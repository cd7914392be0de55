using System.Reflection;

namespace Tidemark;

/// <summary>What Tidemark records about itself in history rows.</summary>
internal static class ToolInfo
{
    public static string Version { get; } =
        typeof(ToolInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static string Host { get; } = Environment.MachineName;
}
