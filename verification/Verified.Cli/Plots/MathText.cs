using System.Text;

namespace Verified.Cli.Plots;

/// <summary>
/// Mathematical text as a reader sees it on a plot: TeX-like sub- and superscripts become Unicode
/// ones (<c>λ_i</c> → λᵢ, <c>Σ_{i≤k}</c> → Σᵢ≤ₖ, <c>λ_{12}</c> → λ₁₂, <c>10^{-3}</c> → 10⁻³), digits
/// right after a Greek letter are its index (<c>λ1</c> → λ₁, <c>κ2</c> → κ₂), and a hyphen before a
/// number becomes a minus sign (−0.5). A character without a Unicode sub- or
/// superscript form (≤, f, q, ...) stays on the line, so no markup is ever left in the text. Every
/// title, axis label and legend entry of a <see cref="Chart"/> passes through here.
/// </summary>
public static class MathText
{
    private const string Plain = "0123456789+-−=()aehijklmnoprstuvxβγρφχ";
    private const string Subscripts = "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵪ";
    private const string SuperPlain = "0123456789+-−=()ni";
    private const string Superscripts = "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁿⁱ";

    /// <summary>The text with its sub- and superscript markup rendered and its negative numbers signed with a minus.</summary>
    public static string Render(string text)
    {
        var output = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if ((c == '_' || c == '^') && i + 1 < text.Length && IsScriptStart(text, i))
            {
                var (script, next) = text[i + 1] == '{' ? Group(text, i + 2) : (text[i + 1].ToString(), i + 2);
                foreach (var s in script)
                {
                    output.Append(c == '_' ? Map(s, Plain, Subscripts) : Map(s, SuperPlain, Superscripts));
                }
                i = next - 1;
                continue;
            }
            if (char.IsAsciiDigit(c) && IsGreekIndexed(text, i))
            {
                output.Append(Map(c, Plain, Subscripts));
                continue;
            }
            if (c == '-' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]) && (i == 0 || " (=[,:/".Contains(text[i - 1])))
            {
                output.Append('−');
                continue;
            }
            output.Append(c);
        }
        return output.ToString();
    }

    /// <summary>A sub- or superscript mark directly after a symbol and before its script.</summary>
    private static bool IsScriptStart(string text, int at) =>
        at > 0 && !char.IsWhiteSpace(text[at - 1]) && (text[at + 1] == '{' || !char.IsWhiteSpace(text[at + 1]));

    private static bool IsGreek(char c) => c is >= 'Α' and <= 'ω';

    /// <summary>The digit at <paramref name="at"/> continues a run of digits that starts right after a Greek letter.</summary>
    private static bool IsGreekIndexed(string text, int at)
    {
        var start = at;
        while (start > 0 && char.IsAsciiDigit(text[start - 1]))
        {
            start--;
        }
        return start > 0 && IsGreek(text[start - 1]);
    }

    /// <summary>The content of a braced group starting at <paramref name="start"/>, and the index after its closing brace.</summary>
    private static (string Content, int Next) Group(string text, int start)
    {
        var end = text.IndexOf('}', start);
        return end < 0 ? (text[start..], text.Length) : (text[start..end], end + 1);
    }

    private static char Map(char c, string from, string to) => from.IndexOf(c) is var index and >= 0 ? to[index] : c;
}
