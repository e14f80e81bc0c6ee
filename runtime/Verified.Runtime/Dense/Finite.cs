using System.Numerics;

namespace Verified.Dense;

/// <summary>The finiteness test the hot loops run on every state and basis before they go on (a trajectory that diverged is reported, not carried).</summary>
public static class Finite
{
    /// <summary>No value is NaN or ±∞.</summary>
    public static bool All<T>(ReadOnlySpan<T> values) where T : IFloatingPointIeee754<T>
    {
        foreach (var value in values)
        {
            if (!T.IsFinite(value))
            {
                return false;
            }
        }
        return true;
    }
}
