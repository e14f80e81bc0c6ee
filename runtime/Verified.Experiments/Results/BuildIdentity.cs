using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace Verified.Experiments.Results;

/// <summary>
/// The build that produced a result: the version with the commit (the informational version Directory.Build.targets
/// stamps, 0.1.0-ci.HEIGHT+COMMIT) and a digest of the module version ids of the assemblies whose code computes it.
/// The compilation is deterministic, so the same sources give the same ids and any change of code, committed or not,
/// gives others: a result keyed by the build is never handed back to another build.
/// </summary>
public static class BuildIdentity
{
    /// <summary>"VERSION+COMMIT.DIGEST" (or "VERSION+DIGEST" for a build outside git) for <paramref name="assemblies"/>, in any order.</summary>
    public static string Of(params Assembly[] assemblies)
    {
        var ids = string.Join(";", assemblies.Distinct().OrderBy(assembly => assembly.GetName().Name, StringComparer.Ordinal)
            .Select(assembly => $"{assembly.GetName().Name}:{assembly.ManifestModule.ModuleVersionId:N}"));
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ids)), 0, 6);
        return Version + (Version.Contains('+') ? "." : "+") + digest;
    }

    /// <summary>The informational version of the runtime (the package version with the commit), or the assembly version where none is stamped.</summary>
    public static string Version { get; } =
        typeof(BuildIdentity).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? Verified.Storage.ResultJson.Version;
}
