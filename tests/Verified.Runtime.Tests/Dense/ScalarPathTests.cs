using System.Diagnostics;
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
        var start = new ProcessStartInfo("dotnet", ["test", typeof(ScalarPathTests).Assembly.Location, "--filter", "Category=" + Category])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_EnableAVX"] = "0";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, output + await error);
        var passed = System.Text.RegularExpressions.Regex.Match(output, @"Passed:\s+(\d+)");
        Assert.True(passed.Success && int.Parse(passed.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 9, output);
    }

    [Fact]
    [Trait("Category", Category)]
    public void The_vector_path_is_the_one_the_environment_asks_for() =>
        Assert.False(Environment.GetEnvironmentVariable("DOTNET_EnableAVX") == "0" && Vector256.IsHardwareAccelerated);
}
