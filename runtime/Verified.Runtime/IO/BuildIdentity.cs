using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace Verified.IO;

/// <summary>
/// The build that produced a result: the version and a digest of the module version ids of the
/// assemblies whose code computes it. The compilation is deterministic, so the same sources give the
/// same ids and any change of code, committed or not, gives others: a result keyed by the build is
/// never handed back to another build.
/// </summary>
public static class BuildIdentity
{
    /// <summary>"VERSION+DIGEST" for <paramref name="assemblies"/>, in any order.</summary>
    public static string Of(params Assembly[] assemblies)
    {
        var ids = string.Join(";", assemblies.Distinct().OrderBy(assembly => assembly.GetName().Name, StringComparer.Ordinal)
            .Select(assembly => $"{assembly.GetName().Name}:{assembly.ManifestModule.ModuleVersionId:N}"));
        return $"{ResultStore.Version}+{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ids)), 0, 6)}";
    }
}
