using System.Numerics;

namespace Verified.Dense;

/// <summary>
/// Copies between the double master copy of θ (and its gradient, which Adam steps in double) and the
/// element type T that the kernels compute in: rounded to T on the way in, widened exactly on the way out.
/// </summary>
public static class ElementConversion
{
    /// <summary><paramref name="target"/>[i] = <paramref name="source"/>[i] rounded to T.</summary>
    public static void Round<T>(ReadOnlySpan<double> source, Span<T> target) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var i = 0; i < source.Length; i++)
        {
            target[i] = T.CreateTruncating(source[i]);
        }
    }

    /// <summary><paramref name="target"/>[i] = <paramref name="source"/>[i] in double (exact).</summary>
    public static void Widen<T>(ReadOnlySpan<T> source, Span<double> target) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var i = 0; i < source.Length; i++)
        {
            target[i] = double.CreateTruncating(source[i]);
        }
    }
}
