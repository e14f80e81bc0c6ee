using System.Numerics;
using System.Runtime.InteropServices;

namespace Verified.Dense;

/// <summary>
/// A B operand (p×n) packed once into the micro-kernel's strips (<see cref="PackedKernel"/>), for many products
/// against it through <see cref="PackedKernel.MultiplyPacked{T}"/>: a block reflector's V, which every chunk of
/// the later columns meets twice. The buffer is owned and grows to the largest B seen: no allocation per pack
/// once it has.
/// </summary>
internal sealed class PackedOperand<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private AlignedArray<T> _strips = new(0);

    /// <summary>B's rows p (the products' inner dimension).</summary>
    public int Rows { get; private set; }

    /// <summary>B's columns n (the products' columns of C).</summary>
    public int Columns { get; private set; }

    /// <summary>The packed strips.</summary>
    public ReadOnlySpan<T> Strips => _strips.Span;

    /// <summary>Packs B (p×n) with B(l, j) at b[l·<paramref name="bRow"/> + j·<paramref name="bCol"/>].</summary>
    public void Pack(ref T b0, int bRow, int bCol, int p, int n)
    {
        var length = PackedKernel.PackedLength<T>(p, n);
        if (_strips.Span.Length < length)
        {
            _strips = new AlignedArray<T>(length);
        }
        (Rows, Columns) = (p, n);
        PackedKernel.PackInto(ref b0, bRow, bCol, p, n, ref MemoryMarshal.GetReference(_strips.Span));
    }
}
