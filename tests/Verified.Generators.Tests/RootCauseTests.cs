using Microsoft.CodeAnalysis;
using Verified.Generators.Tests.Infrastructure;
using Xunit;

namespace Verified.Generators.Tests;

/// <summary>
/// A mistake is reported once, where it is made: what follows from a refused declaration (its
/// update, its time step, a constructor the generator would guess from an argument the compiler
/// could not bind) is no error of its own.
/// </summary>
public sealed class RootCauseTests
{
    private const string Header = "using Verified;\nusing static Verified.CellMath;\n";

    [Fact]
    public void The_updates_of_states_with_a_refused_size_are_no_further_errors()
    {
        var (result, _) = GeneratorHarness.Run(Header + """
            [RecurrentCell] public partial class Lorenz
            {
                [State("1")] public Vec x;
                [State("1")] public Vec y;
                [Update(nameof(x))] public Vec xNext => x + 0.1 * (y - x);
                [Update(nameof(y))] public Vec yNext => y - 0.1 * x;
            }
            """);

        Assert.Equal(["VRF0009", "VRF0009"], result.Diagnostics.Select(diagnostic => diagnostic.Id));
    }

    [Fact]
    public void The_time_step_mark_of_a_refused_parameter_is_no_further_error()
    {
        var (result, _) = GeneratorHarness.Run(Header + """
            [RecurrentCell] public partial class C
            {
                [State("N")] public Vec h;
                [Parameter, TimeStep] public Vec dt;
                [Update(nameof(h))] public Vec n => h;
            }
            """);

        Assert.Equal("VRF0012", Assert.Single(result.Diagnostics).Id);
    }

    [Fact]
    public void An_attribute_argument_the_compiler_cannot_bind_is_left_to_the_compiler()
    {
        var (result, output) = GeneratorHarness.Run(Header + """
            [RecurrentCell] public partial class C
            {
                [State("N")] public Vec h;
                [State(M)] public Vec c;
                [Parameter(N)] public Vec b;
                [Update(nameof(h))] public Vec n => h + b;
                [Update(nameof(c))] public Vec m => c;
            }
            """);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(["CS0103", "CS0103"], output.GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).Select(diagnostic => diagnostic.Id));
    }
}
