using System.Runtime.Intrinsics;
using Xunit;

namespace Verified.Runtime.Tests.Dense;

/// <summary>
/// The dense kernels on a processor without 256-bit vectors (ARM64, or x64 with AVX off), where the products fall back to
/// scalar code: the tests of this category run again in a child process under DOTNET_EnableAVX=0. A block reflector's
/// packed operands once had no such fallback and threw there.
/// </summary>
public sealed class ScalarPathTests
{
    public const string Category = "ScalarPath";

    [Fact]
    public async Task The_block_reflector_tests_pass_without_256_bit_vectors()
    {
        var (exitCode, output, passed) = await ChildTestRun.RunAsync(typeof(ScalarPathTests).Assembly.Location, Category, ("DOTNET_EnableAVX", "0"));

        Assert.True(exitCode == 0, output);
        Assert.True(passed >= 9, output);
    }

    [Fact]
    [Trait("Category", Category)]
    public void The_vector_path_is_the_one_the_environment_asks_for() =>
        Assert.False(Environment.GetEnvironmentVariable("DOTNET_EnableAVX") == "0" && Vector256.IsHardwareAccelerated);
}
