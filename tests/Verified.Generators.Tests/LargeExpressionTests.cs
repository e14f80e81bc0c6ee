using Microsoft.CodeAnalysis;
using Verified.Generators.Tests.Infrastructure;
using Xunit;

namespace Verified.Generators.Tests;

/// <summary>
/// Expressions up to the generator's bounds: generated without recursion that grows with them, in
/// output (and so time) linear in their size, and without visiting shared operands repeatedly.
/// </summary>
public sealed class LargeExpressionTests
{
    private static string Cell(string members) =>
        GeneratorHarness.CellHeader + "[RecurrentCell] public partial class C { [State(\"N\")] public Vec h; " + members + " }";

    private static string Sum(int terms) => string.Join(" + ", Enumerable.Repeat("h", terms));

    [Fact]
    public void Output_grows_linearly_with_a_sum_up_to_the_bound()
    {
        var terms = CellGenerator.MaxExpressionOperations + 1;

        var half = GeneratedLength(Cell($"[Update(nameof(h))] public Vec n => {Sum(terms / 2)};"));
        var full = GeneratedLength(Cell($"[Update(nameof(h))] public Vec n => {Sum(terms)};"));

        // Twice the terms, twice the code; a comment repeating each partial sum made it four times.
        Assert.InRange(full / (double)half, 1.8, 2.2);
    }

    [Theory]
    [InlineData("nesting")]
    [InlineData("sum")]
    [InlineData("chain")]
    public void Declarations_at_the_bounds_generate_on_a_small_stack(string shape)
    {
        var bound = CellGenerator.MaxExpressionOperations;
        var members = shape switch
        {
            // The outermost call is one level deep and h one level deeper than the innermost call.
            "nesting" => "[Update(nameof(h))] public Vec n => " + string.Concat(Enumerable.Repeat("Tanh(", CellGenerator.MaxExpressionDepth - 1)) +
                "h" + new string(')', CellGenerator.MaxExpressionDepth - 1) + ";",
            "sum" => $"[Update(nameof(h))] public Vec n => {Sum(bound + 1)};",
            _ => "public Vec p0 => h; " + string.Concat(Enumerable.Range(1, bound - 1).Select(i => $"public Vec p{i} => Tanh(p{i - 1}); ")) +
                $"[Update(nameof(h))] public Vec n => Tanh(p{bound - 1});",
        };
        // Parsed on this thread: the C# parser's own recursion is not what is tested.
        var compilation = GeneratorHarness.Compilation(Cell(members));
        compilation.SyntaxTrees.Single().GetRoot();
        GeneratorRunResult? result = null;

        // 256 kB: a recursive descent through a thousand levels or operands needs several times that.
        var thread = new Thread(() => result = GeneratorHarness.Driver().RunGenerators(compilation).GetRunResult().Results.Single(), 256 * 1024);
        thread.Start();
        thread.Join();

        Assert.Null(result!.Value.Exception);
        Assert.Empty(result.Value.Diagnostics);
        Assert.Single(result.Value.GeneratedSources);
    }

    [Fact]
    public async Task Operands_shared_along_a_chain_are_visited_once()
    {
        // p_i = p_{i-1} · p_{i-1}: a walk that revisits shared operands takes 2^40 steps.
        var members = "public Vec p0 => Tanh(h); " + string.Concat(Enumerable.Range(1, 40).Select(i => $"public Vec p{i} => p{i - 1} * p{i - 1}; ")) +
            "[Update(nameof(h))] public Vec n => p40;";
        var compilation = GeneratorHarness.Compilation(Cell(members));

        var result = await Task.Run(() => GeneratorHarness.Driver().RunGenerators(compilation).GetRunResult().Results.Single())
            .WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Null(result.Exception);
        Assert.Single(result.GeneratedSources);
    }

    private static int GeneratedLength(string source)
    {
        var (result, _) = GeneratorHarness.Run(source);
        Assert.Empty(result.Diagnostics);
        return Assert.Single(result.GeneratedSources).SourceText.Length;
    }
}
