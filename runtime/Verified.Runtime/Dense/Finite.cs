using System.Numerics;
using System.Runtime.InteropServices;

namespace Verified.Dense;

/// <summary>The finiteness test the hot loops run on every state and basis before they go on (a trajectory that diverged is reported, not carried).</summary>
public static class Finite
{
    /// <summary>
    /// No value is NaN or ±∞. A whole vector at a time: x − x is +0 for every finite x and NaN for NaN and ±∞,
    /// and a sum of such differences stays NaN once it meets one, so one comparison at the end tells (the flossing
    /// step checks its n×k basis every step: 6 000 values at N = 80, k = 75).
    /// </summary>
    public static bool All<T>(ReadOnlySpan<T> values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var vectors = Vector<T>.IsSupported ? MemoryMarshal.Cast<T, Vector<T>>(values) : [];
        var differences = Vector<T>.Zero;
        foreach (var vector in vectors)
        {
            differences += vector - vector;
        }
        if (!Vector.EqualsAll(differences, Vector<T>.Zero))
        {
            return false;
        }
        foreach (var value in values[(vectors.Length * Vector<T>.Count)..])
        {
            if (!T.IsFinite(value))
            {
                return false;
            }
        }
        return true;
    }
}
