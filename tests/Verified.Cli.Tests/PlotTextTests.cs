using System.Globalization;
using Verified.Cli.Plots;
using Xunit;

namespace Verified.Cli.Tests;

/// <summary>Mathematical text on plots reads as mathematics, and log axes carry round tick values.</summary>
public sealed class PlotTextTests
{
    /// <summary>Markup a reader should never see on a plot: TeX-like groups, backslashes and a subscript or superscript mark before its script.</summary>
    private static readonly System.Text.RegularExpressions.Regex RawNotation = new(@"_\{|\^\{|\\|\S_\S|\S\^\S");

    [Theory]
    [InlineData("λ_i (per step)", "λᵢ (per step)")]
    [InlineData("loss Σ_{i≤k} (λ_i − λ*)²", "loss Σᵢ≤ₖ (λᵢ − λ*)²")]
    [InlineData("λ_{12} = -0.0073", "λ₁₂ = −0.0073")]
    [InlineData("κ2(T_t Q) at t − τ = 50", "κ₂(Tₜ Q) at t − τ = 50")]
    [InlineData("finite-time bound exp(S_1 − S_m)", "finite-time bound exp(S₁ − Sₘ)")]
    [InlineData("Fig 6: λ1 of lstm flossed toward 0", "Fig 6: λ₁ of lstm flossed toward 0")]
    [InlineData("λ80 = -3.178", "λ₈₀ = −3.178")]
    [InlineData("10^{-3}", "10⁻³")]
    [InlineData("target λ* = -0.5", "target λ* = −0.5")]
    [InlineData("vanilla-tanh, N = 32, g ~ U(0, 1), 20–80 % band", "vanilla-tanh, N = 32, g ~ U(0, 1), 20–80 % band")]
    public void Math_text_renders_scripts_greek_indices_and_minus_signs(string markup, string expected) =>
        Assert.Equal(expected, MathText.Render(markup));

    [Theory]
    [InlineData("T_f and x^{q}")]
    [InlineData("Σ_{i≤k} λ_{i}^{2}")]
    [InlineData("a_b_c^d")]
    public void Math_text_leaves_no_markup_even_where_a_character_has_no_script_form(string markup) =>
        Assert.DoesNotMatch(RawNotation, MathText.Render(markup));

    [Fact]
    public void Every_text_a_chart_shows_is_rendered_and_free_of_markup()
    {
        var chart = new Chart("Fig 1C: loss Σ_{i≤k} λ_i²", "horizon t − τ (steps)", "κ2(T_t Q)", logY: true)
            .Line("λ_{3} = -0.5", [1, 2], [1, 10])
            .Band("20–80 %", [1, 2], [1, 2], [3, 4], Chart.Colour(1))
            .Points("runs of λ_1", [1, 2], [2, 3])
            .HorizontalMark("target λ* = 10^{-1}", 0.1)
            .VerticalMark("d = 20", 2)
            .VerticalMarks("a flossing episode starts", [1.5]);

        Assert.Equal(
            ["Fig 1C: loss Σᵢ≤ₖ λᵢ²", "horizon t − τ (steps)", "κ₂(Tₜ Q)", "λ₃ = −0.5", "20–80 %", "runs of λ₁", "target λ* = 10⁻¹", "d = 20", "a flossing episode starts"],
            chart.Texts);
        Assert.All(chart.Texts, text => Assert.DoesNotMatch(RawNotation, text));
        Assert.Equal("Fig 1C: loss Σᵢ≤ₖ λᵢ²", chart.Plot.Axes.Title.Label.Text);
        Assert.Equal("κ₂(Tₜ Q)", chart.Plot.Axes.Left.Label.Text);
    }

    [Fact]
    public void A_log_axis_over_a_few_decades_is_labelled_at_one_two_and_five()
    {
        var labels = Labels(LogTicks.Between(Math.Log10(0.00126), Math.Log10(0.1)));

        Assert.Equal(["0.002", "0.005", "0.01", "0.02", "0.05", "0.1"], labels);
    }

    [Fact]
    public void A_log_axis_over_many_decades_is_labelled_at_powers_of_ten()
    {
        Assert.Equal(["10⁻¹⁴", "10⁻¹²", "10⁻¹⁰", "10⁻⁸", "10⁻⁶", "10⁻⁴", "10⁻²", "10⁰", "10²"], Labels(LogTicks.Between(-14.2, 2.1)));
        Assert.Equal(["10¹⁵", "10²⁰", "10²⁵", "10³⁰", "10³⁵", "10⁴⁰", "10⁴⁵", "10⁵⁰", "10⁵⁵"], Labels(LogTicks.Between(13.5, 56.2)));
    }

    [Fact]
    public void A_log_axis_within_a_decade_is_labelled_at_round_values()
    {
        Assert.Equal(["0.04", "0.05", "0.06", "0.07", "0.08", "0.09", "0.1", "0.2", "0.3"], Labels(LogTicks.Between(Math.Log10(0.035), Math.Log10(0.31))));
        Assert.Equal(["0.2", "0.22", "0.24", "0.26", "0.28", "0.3"], Labels(LogTicks.Between(Math.Log10(0.2), Math.Log10(0.3))));
    }

    [Theory]
    [InlineData(-14.2, 2.1)]
    [InlineData(-2.9, -1.0)]
    [InlineData(0.0, 3.5)]
    [InlineData(-0.7, -0.5)]
    public void Every_labelled_log_tick_sits_at_the_value_it_names(double low, double high)
    {
        var ticks = LogTicks.Between(low, high);

        Assert.All(ticks, tick => Assert.InRange(tick.Position, low - 1e-9, high + 1e-9));
        Assert.All(ticks.Where(tick => tick.Label is not null), tick => Assert.Equal(tick.Position, Math.Log10(Value(tick.Label!)), 9));
    }

    private static string[] Labels(IReadOnlyList<LogTicks.Tick> ticks) => [.. ticks.Where(tick => tick.Label is not null).Select(tick => tick.Label!)];

    /// <summary>The number a tick label names: plain ("0.005") or a power of ten ("10⁻³", "2×10⁵").</summary>
    private static double Value(string label)
    {
        const string superscripts = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        if (!label.Any(superscripts.Contains))
        {
            return double.Parse(label, CultureInfo.InvariantCulture);
        }
        var times = label.IndexOf('×');
        var mantissa = times < 0 ? 1 : double.Parse(label[..times], CultureInfo.InvariantCulture);
        var power = label[(label.LastIndexOf("10", StringComparison.Ordinal) + 2)..];
        var exponent = int.Parse(string.Concat(power.Select(c => c == '⁻' ? '-' : (char)('0' + superscripts.IndexOf(c)))), CultureInfo.InvariantCulture);
        return mantissa * Math.Pow(10, exponent);
    }
}
